import { useEffect } from 'react';
import type { SyncStatus } from '@shared/api/collaboration';
import { formatTime } from '../format';
import { useNotices } from '../notices';
import { useReleaseSession, useSession } from './session-context';

export function SaveStatus({ onSaveCopy, onLoadLatest }: { onSaveCopy: () => void; onLoadLatest: () => void }) {
  const session = useReleaseSession();
  const state = useSession((current) => current.save);
  return (
    <div className={`save-status save-${state.kind}`}>
      <span role="status">
        {state.kind === 'saving' && 'Saving…'}
        {state.kind === 'saved' && (state.at ? `Saved at ${formatTime(state.at)}` : 'Saved')}
        {state.kind === 'failed' && `Save failed. ${state.message}${state.retrying ? ' Dateline keeps trying by itself.' : ''}`}
        {state.kind === 'conflict' && `Not saved. ${state.message}`}
      </span>
      {state.kind === 'failed' && (
        <button type="button" onClick={() => void session.flush()}>
          Retry
        </button>
      )}
      {/* A collaborative edit that was refused (the release went to review meanwhile) can still be kept, as a new draft. */}
      {state.kind === 'failed' && !state.retrying && session.sync && (
        <button type="button" onClick={onSaveCopy}>
          Save mine as a copy
        </button>
      )}
      {state.kind === 'conflict' && (
        <>
          <button type="button" onClick={onSaveCopy}>
            Save mine as a copy
          </button>
          <button type="button" onClick={onLoadLatest}>
            Load their version
          </button>
        </>
      )}
    </div>
  );
}

/** What the backend had to tell about the team (offline edits kept as a copy, a queued action refused), each said once per page. */
const toldAlready = new Set<string>();

/** A collaborative release's link to the team server: quiet while online, plain about what waits while not. */
export function TeamSyncStatus() {
  const sync = useSession((current) => current.sync);
  const { showError } = useNotices();
  const news = sync?.mode === 'team' && sync.online ? sync.reason : null;
  useEffect(() => {
    if (!news || toldAlready.has(news)) return;
    toldAlready.add(news);
    showError(news);
  }, [news, showError]);
  if (sync?.mode !== 'team') return null;
  return (
    <span
      className={`sync-status ${sync.online ? 'sync-online' : 'sync-offline'}`}
      title={sync.online ? sync.server : (sync.reason ?? undefined)}
    >
      {syncStatusText(sync)}
    </span>
  );
}

export function syncStatusText(sync: Extract<SyncStatus, { mode: 'team' }>): string {
  if (sync.online) return 'Synced';
  if (sync.waiting === 0) return 'Offline';
  return `Offline — ${sync.waiting} ${sync.waiting === 1 ? 'change' : 'changes'} waiting`;
}
