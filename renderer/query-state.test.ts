import { describe, expect, it } from 'vitest';
import type { ApiError, Result } from '@shared/api/result';
import { inputKey, QueryLoader, type QueryState } from './query-state';

/** A request the test answers when it chooses, so answers can arrive out of order. */
function deferred<T>() {
  let answer!: (result: Result<T>) => void;
  const promise = new Promise<Result<T>>((resolve) => (answer = resolve));
  return { request: () => promise, answer };
}

const unavailable: ApiError = { kind: 'unavailable', message: 'the host stopped' };

function loader<T>() {
  const published: QueryState<T>[] = [];
  const query = new QueryLoader<T>((state) => published.push(state));
  return { query, published, latest: () => published.at(-1) };
}

describe('inputKey', () => {
  it('compares inputs by value, whatever the key order', () => {
    expect(inputKey({ view: 'active', query: 'ferry' })).toBe(inputKey({ query: 'ferry', view: 'active' }));
    expect(inputKey({ filter: { a: 1, b: 2 } })).toBe(inputKey({ filter: { b: 2, a: 1 } }));
  });

  it('tells different inputs apart, and treats a missing optional field as absent', () => {
    expect(inputKey({ view: 'active' })).not.toBe(inputKey({ view: 'trash' }));
    expect(inputKey({ ids: [1, 2] })).not.toBe(inputKey({ ids: [2, 1] }));
    expect(inputKey({ view: 'active', query: undefined })).toBe(inputKey({ view: 'active' }));
  });
});

describe('QueryLoader', () => {
  it('publishes loading, then the answer', async () => {
    const { query, published } = loader<string[]>();
    await query.load(async () => ({ ok: true, value: ['one'] }));
    expect(published).toEqual([
      { data: undefined, error: null, loading: true },
      { data: ['one'], error: null, loading: false },
    ]);
  });

  it('ignores the answer to an input that was changed before it arrived', async () => {
    const { query, latest } = loader<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    const loadingFirst = query.load(first.request);
    const loadingSecond = query.load(second.request);
    second.answer({ ok: true, value: 'ferry' });
    await loadingSecond;
    first.answer({ ok: true, value: 'fer' });
    await loadingFirst;
    expect(latest()).toEqual({ data: 'ferry', error: null, loading: false });
  });

  it('ignores an answer that arrives after it was stopped', async () => {
    const { query, published } = loader<string>();
    const pending = deferred<string>();
    const loading = query.load(pending.request);
    query.stop();
    pending.answer({ ok: false, error: unavailable });
    await loading;
    expect(published).toEqual([{ data: undefined, error: null, loading: true }]);
  });

  it('shows a failure instead of the old answer, keeps it while retrying, and clears it when the retry works', async () => {
    const { query, published } = loader<string>();
    await query.load(async () => ({ ok: true, value: 'old' }));
    await query.load(async () => ({ ok: false, error: unavailable }));
    expect(published.at(-1)).toEqual({ data: undefined, error: unavailable, loading: false });

    const retry = deferred<string>();
    const retrying = query.load(retry.request);
    expect(published.at(-1)).toEqual({ data: undefined, error: unavailable, loading: true });
    retry.answer({ ok: true, value: 'new' });
    await retrying;
    expect(published.at(-1)).toEqual({ data: 'new', error: null, loading: false });
  });

  it('keeps the previous answer while the next input loads', async () => {
    const { query, published } = loader<string>();
    await query.load(async () => ({ ok: true, value: 'all' }));
    const next = deferred<string>();
    const loading = query.load(next.request);
    expect(published.at(-1)).toEqual({ data: 'all', error: null, loading: true });
    next.answer({ ok: true, value: 'some' });
    await loading;
  });
});
