// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReleaseSummary } from '@shared/api/releases';
import type { ApiError, Result } from '@shared/api/result';
import { api } from './api';
import { useAction, useQuery } from './data';
import { NoticeProvider } from './notices';

// The hooks run in React for real; only the store behind the client is played by the test.
vi.mock('./api', () => ({ api: { listReleases: vi.fn(), trashRelease: vi.fn() }, desktop: null }));
const listReleases = vi.mocked(api.listReleases);
const trashRelease = vi.mocked(api.trashRelease);

beforeAll(() => {
  // Tells React that act() is in charge of flushing updates, as a test renderer would.
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const unmounts: (() => void)[] = [];
afterEach(() => {
  unmounts.splice(0).forEach((unmount) => act(unmount));
  vi.resetAllMocks();
});

/** Mounts a hook inside the app's notices; `latest()` is what it returned on the last render. */
function mountHook<Props, Value>(hook: (props: Props) => Value, props: Props) {
  let latest!: Value;
  const Probe = (probeProps: { hookProps: Props }) => {
    latest = hook(probeProps.hookProps);
    return null;
  };
  const container = document.createElement('div');
  const root = createRoot(container);
  const render = (next: Props) => act(() => root.render(createElement(NoticeProvider, null, createElement(Probe, { hookProps: next }))));
  render(props);
  unmounts.push(() => root.unmount());
  return { latest: () => latest, rerender: render, notices: () => container.querySelector('.notices')!.textContent };
}

/** An answer the test gives when it chooses, so answers can arrive late and out of order. */
function deferred<T>() {
  let answer!: (result: Result<T>) => void;
  const promise = new Promise<Result<T>>((resolve) => (answer = resolve));
  return { promise, answer: (result: Result<T>) => act(async () => answer(result)) };
}

const release = (headline: string) => ({ id: headline, headline }) as ReleaseSummary;
const refused: ApiError = { kind: 'refused', message: 'This release is already in the trash.' };
const unreachable: ApiError = { kind: 'unavailable', message: "Dateline's store could not be reached (the host stopped)." };
/** Lets the promises the hooks are waiting on settle, inside act so React applies what they set. */
const settle = () => act(async () => {});

describe('useQuery', () => {
  const useReleases = ({ query, refreshOn }: { query?: string; refreshOn?: unknown }) =>
    useQuery('listReleases', { view: 'active', query }, { refreshOn });

  it('loads on mount and shows the answer', async () => {
    listReleases.mockResolvedValue({ ok: true, value: [release('Ferry')] });
    const view = mountHook(useReleases, {});
    expect(view.latest()).toMatchObject({ data: undefined, error: null, loading: true });
    await settle();
    expect(view.latest()).toMatchObject({ data: [release('Ferry')], error: null, loading: false });
    expect(listReleases).toHaveBeenCalledExactlyOnceWith({ view: 'active' });
  });

  it('loads again when the input changes, not for a new object with the same values', async () => {
    listReleases.mockResolvedValue({ ok: true, value: [] });
    const view = mountHook(useReleases, { query: 'fer' });
    await settle();
    view.rerender({ query: 'fer' });
    await settle();
    expect(listReleases).toHaveBeenCalledTimes(1);
    view.rerender({ query: 'ferry' });
    await settle();
    expect(listReleases).toHaveBeenLastCalledWith({ view: 'active', query: 'ferry' });
    expect(listReleases).toHaveBeenCalledTimes(2);
  });

  it('loads again when refreshOn changes', async () => {
    listReleases.mockResolvedValue({ ok: true, value: [] });
    const view = mountHook(useReleases, { refreshOn: 'releases' });
    await settle();
    view.rerender({ refreshOn: 'review' });
    await settle();
    expect(listReleases).toHaveBeenCalledTimes(2);
  });

  it('ignores an answer that arrives after its input was changed', async () => {
    const typedOver = deferred<ReleaseSummary[]>();
    const current = deferred<ReleaseSummary[]>();
    listReleases.mockReturnValueOnce(typedOver.promise).mockReturnValueOnce(current.promise);
    const view = mountHook(useReleases, { query: 'fer' });
    view.rerender({ query: 'ferry' });
    await current.answer({ ok: true, value: [release('Ferry')] });
    await typedOver.answer({ ok: true, value: [release('Fermented')] });
    expect(view.latest()).toMatchObject({ data: [release('Ferry')], loading: false });
  });

  it('gives a failure as an error, with no stale answer beside it, and reload loads again', async () => {
    listReleases.mockResolvedValueOnce({ ok: true, value: [release('Ferry')] }).mockResolvedValueOnce({ ok: false, error: unreachable });
    const view = mountHook(useReleases, { refreshOn: 1 });
    await settle();
    view.rerender({ refreshOn: 2 });
    await settle();
    expect(view.latest()).toMatchObject({ data: undefined, error: unreachable, loading: false });

    listReleases.mockResolvedValueOnce({ ok: true, value: [release('Ferry')] });
    act(() => view.latest().reload());
    await settle();
    expect(view.latest()).toMatchObject({ data: [release('Ferry')], error: null, loading: false });
    expect(listReleases).toHaveBeenCalledTimes(3);
  });
});

describe('useAction', () => {
  it('shows a failure as a notice and returns it', async () => {
    trashRelease.mockResolvedValue({ ok: false, error: refused });
    const view = mountHook(() => useAction('trashRelease'), {});
    let result: Result<unknown> | undefined;
    await act(async () => {
      result = await view.latest().run({ id: 'r1' });
    });
    expect(result).toEqual({ ok: false, error: refused });
    expect(view.notices()).toContain(refused.message);
  });

  it('leaves a failure to a caller that shows it itself', async () => {
    trashRelease.mockResolvedValue({ ok: false, error: refused });
    const view = mountHook(() => useAction('trashRelease', { showFailure: false }), {});
    let result: Result<unknown> | undefined;
    await act(async () => {
      result = await view.latest().run({ id: 'r1' });
    });
    expect(result).toEqual({ ok: false, error: refused });
    expect(view.notices()).toBe('');
  });

  it('is pending from the call until its answer, and shows nothing when it works', async () => {
    const answer = deferred<Record<string, never>>();
    trashRelease.mockReturnValue(answer.promise);
    const view = mountHook(() => useAction('trashRelease'), {});
    expect(view.latest().pending).toBe(false);
    let running!: Promise<Result<unknown>>;
    act(() => {
      running = view.latest().run({ id: 'r1' });
    });
    expect(view.latest().pending).toBe(true);
    await answer.answer({ ok: true, value: {} });
    expect(await running).toEqual({ ok: true, value: {} });
    expect(view.latest().pending).toBe(false);
    expect(view.notices()).toBe('');
  });
});
