import type { ApiError, Result } from '@shared/api/result';

/** What a view knows about one query: the answer, or why there is none. */
export interface QueryState<T> {
  /** The newest answer; kept while the next one loads, so a list does not blink empty as a search is typed. */
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
}

export const loadingState: QueryState<never> = { data: undefined, error: null, loading: true };

/**
 * Inputs compared by value: a view builds a new input object on every render,
 * and loading again for each would never settle. Key order does not matter.
 */
export function inputKey(input: unknown): string {
  return JSON.stringify(input, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/**
 * Loads one query whose input changes over time. Only the newest request's
 * answer is published: an answer to a search that was typed over, or one that
 * arrives after the view has gone, would otherwise overwrite the right one.
 */
export class QueryLoader<T> {
  private generation = 0;
  private state: QueryState<T> = loadingState;

  constructor(private readonly publish: (state: QueryState<T>) => void) {}

  async load(request: () => Promise<Result<T>>): Promise<void> {
    const mine = ++this.generation;
    this.set({ ...this.state, loading: true });
    const result = await request();
    if (mine !== this.generation) return;
    // A failure clears the old answer: showing it beside the failure would pass stale rows off as current.
    this.set(result.ok ? { data: result.value, error: null, loading: false } : { data: undefined, error: result.error, loading: false });
  }

  /** Whatever is still on its way is ignored from now on. */
  stop(): void {
    this.generation++;
  }

  private set(state: QueryState<T>): void {
    this.state = state;
    this.publish(state);
  }
}
