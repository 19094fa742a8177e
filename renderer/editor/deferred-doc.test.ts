import { afterEach, describe, expect, it, vi } from 'vitest';
import { Coalescer } from './deferred-doc';

afterEach(() => vi.useRealTimers());

describe('Coalescer', () => {
  const coalescer = (runs: { count: number }) =>
    new Coalescer(() => runs.count++, {
      quietMs: 250,
      maxWaitMs: 1_000,
      whenIdle: (run) => {
        run();
        return () => undefined;
      },
    });

  it('runs once when the changes pause, not once per change', async () => {
    vi.useFakeTimers();
    const runs = { count: 0 };
    const pending = coalescer(runs);
    for (let change = 0; change < 5; change++) {
      pending.changed();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(runs.count).toBe(0);
    await vi.advanceTimersByTimeAsync(150);
    expect(runs.count).toBe(1);
  });

  it('runs at least every maxWaitMs while changes keep coming, and not after dispose', async () => {
    vi.useFakeTimers();
    const runs = { count: 0 };
    const pending = coalescer(runs);
    for (let change = 0; change < 25; change++) {
      pending.changed();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(runs.count).toBeGreaterThanOrEqual(2);
    const before = runs.count;
    pending.changed();
    pending.dispose();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs.count).toBe(before);
  });
});
