import { useSyncExternalStore } from 'react';
import { formatTime } from '../format';
import type { Autosaver } from './autosave';

export function SaveStatus({
  autosaver,
  onSaveCopy,
  onLoadLatest,
}: {
  autosaver: Autosaver;
  onSaveCopy: () => void;
  onLoadLatest: () => void;
}) {
  const state = useSyncExternalStore(autosaver.subscribe, autosaver.getState);
  return (
    <div className={`save-status save-${state.kind}`}>
      <span role="status">
        {state.kind === 'saving' && 'Saving…'}
        {state.kind === 'saved' && (state.at ? `Saved at ${formatTime(state.at)}` : 'Saved')}
        {state.kind === 'failed' && `Save failed. ${state.message}`}
        {state.kind === 'conflict' && `Not saved. ${state.message}`}
      </span>
      {state.kind === 'failed' && (
        <button type="button" onClick={() => void autosaver.flush()}>
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
