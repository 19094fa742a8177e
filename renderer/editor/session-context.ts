import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReleaseSession, SessionState } from './release-session';

export const SessionContext = createContext<ReleaseSession | null>(null);

export function useReleaseSession(): ReleaseSession {
  return useContext(SessionContext) ?? failOutsideEditor();
}

/**
 * Reads one part of the session; the component re-renders only when that part
 * changes. Select a field or a value the state already holds, never build a new
 * object here (it would differ every time and render forever).
 */
export function useSession<T>(select: (state: SessionState) => T): T {
  const session = useReleaseSession();
  return useSyncExternalStore(session.subscribe, () => select(session.getState()));
}

function failOutsideEditor(): never {
  throw new Error('useSession is for the release editor, inside its SessionContext');
}
