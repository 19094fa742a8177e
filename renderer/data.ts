import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '@shared/api/contract';
import type { Result } from '@shared/api/result';
import { api } from './api';
import { useNotices } from './notices';
import { inputKey, loadingState, QueryLoader, type QueryState } from './query-state';

// The client is a record of per-method functions; TypeScript cannot tie api[method] to M by itself.
const call = <M extends MethodName>(method: M, input: MethodInput<M>) =>
  (api[method] as (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>)(input);

export interface Query<T> extends QueryState<T> {
  /** Loads again with the same input: Retry, or after something this view did changed the answer. */
  reload: () => void;
}

/**
 * Reads through the API while the component is mounted: on mount, whenever the
 * input changes by value, and whenever refreshOn changes by identity (a route,
 * when another view may have changed the answer). A failure is in `error`; the
 * view shows it, usually with <QueryFailure>.
 */
export function useQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  { refreshOn }: { refreshOn?: unknown } = {},
): Query<MethodOutput<M>> {
  const [state, setState] = useState<QueryState<MethodOutput<M>>>(loadingState);
  const [loader] = useState(() => new QueryLoader<MethodOutput<M>>(setState));
  const [attempt, setAttempt] = useState(0);
  const key = inputKey(input);

  useEffect(() => {
    // A query's input is plain JSON, so its key is that input, and a new object with the same values loads nothing.
    void loader.load(() => call(method, JSON.parse(key) as MethodInput<M>));
    return () => loader.stop();
  }, [loader, method, key, attempt, refreshOn]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...state, reload };
}

export interface Action<M extends MethodName> {
  run: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
  /** While a run is on its way: buttons that start it again say so by being disabled. */
  pending: boolean;
}

/**
 * A change through the API. A failure is shown as a notice unless the caller
 * says it shows the failure itself (showFailure: false), inline beside what failed.
 * The Result is returned either way, for what comes next.
 */
export function useAction<M extends MethodName>(method: M, { showFailure = true }: { showFailure?: boolean } = {}): Action<M> {
  const { showError } = useNotices();
  const [running, setRunning] = useState(0);
  const run = useCallback(
    async (input: MethodInput<M>) => {
      setRunning((count) => count + 1);
      try {
        const result = await call(method, input);
        if (!result.ok && showFailure) showError(result.error.message);
        return result;
      } finally {
        setRunning((count) => count - 1);
      }
    },
    [method, showFailure, showError],
  );
  return { run, pending: running > 0 };
}
