import { formatTime } from '../format';
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
