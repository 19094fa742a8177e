import * as Y from 'yjs';
import type { MethodInput, MethodName, MethodOutput } from '@shared/api/contract';
import type { SyncStatus } from '@shared/api/collaboration';
import { releaseContentOf } from '@shared/release/release-doc';
import { openBackend, type Backend } from '../api/backend';
import { noDesktop, type DesktopServices } from '../api/desktop-services';
import { dispatch } from '../api/dispatch';

/** The team server's test password (team-office.ts), which every person it adds gets. */
export const officePassword = 'harbour lights at dawn';

/** A desktop's backend over its own SQLite file, called through the contract as the page calls it. */
export interface Desktop {
  backend: Backend;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  status(): Promise<SyncStatus>;
  close(): Promise<void>;
}

/**
 * Stands in for the operating system's keychain, so a desktop killed and started
 * again keeps its team session as the desktop app does; it protects nothing.
 */
const testKeychain: DesktopServices = {
  ...noDesktop,
  secretBox: () => ({ seal: (text) => new Uint8Array(Buffer.from(text, 'utf8')), open: (sealed) => Buffer.from(sealed).toString('utf8') }),
};

export function openDesktop(file: string, { keepsSession = false } = {}): Desktop {
  // Reconnect and look at the team's list at once: what a test waits for is the server's answer, not a back-off.
  const backend = openBackend(
    file,
    { syncTiming: { delay: 50, maxDelay: 200, listEveryMs: 200 } },
    keepsSession ? testKeychain : noDesktop,
  );
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await dispatch(backend.handlers, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.kind}: ${result.error.message}`);
    return result.value as MethodOutput<M>;
  };
  return { backend, call, status: () => call('syncStatus', {}), close: () => backend.close() };
}

/** A Y.Doc standing in for the editor: it opens the release's document, pushes its edits and pulls others'. */
export interface Page {
  doc: Y.Doc;
  edit(change: (doc: Y.Doc) => void): Promise<void>;
  /** Takes in whatever the backend has that this page lacks, without waiting. */
  refresh(): Promise<void>;
  content(): ReturnType<typeof releaseContentOf>;
}

export async function openPage(desktop: Desktop, id: string): Promise<Page> {
  const opened = await desktop.call('openReleaseDoc', { id });
  if (!opened.collaborative) throw new Error('the release is not collaborative');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, opened.update);
  return {
    doc,
    edit: async (change) => {
      const before = Y.encodeStateVector(doc);
      change(doc);
      await desktop.call('pushReleaseUpdate', { id, update: new Uint8Array(Y.encodeStateAsUpdate(doc, before)) });
    },
    refresh: async () => {
      const { update } = await desktop.call('pullReleaseUpdate', {
        id,
        stateVector: new Uint8Array(Y.encodeStateVector(doc)),
        awareness: null,
        waitMs: 0,
      });
      if (update) Y.applyUpdate(doc, update);
    },
    content: () => releaseContentOf(doc),
  };
}
