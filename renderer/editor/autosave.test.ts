import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiError } from '@shared/api/result';
import type { ReleaseContent } from '@shared/release/content';
import type { Release } from '@shared/api/releases';
import { openBackend, type Backend } from '../../electron/api/backend';
import { dispatch } from '../../electron/api/dispatch';
import { releaseContent, useTempDir } from '../../electron/testing/temp-store';
import { Autosaver } from './autosave';

const tempDir = useTempDir();
let backend: Backend;
let release: Release;

beforeEach(async () => {
  backend = openBackend(join(tempDir(), 'dateline.sqlite3'));
  await backend.handlers.signIn({ name: 'Amal Haddad' });
  release = await backend.handlers.createRelease({});
});
afterEach(() => {
  vi.useRealTimers();
  backend.close();
});

/** An autosaver on the real store, through the same dispatcher as IPC and HTTP. */
function autosaverFor(text: { value: string }, options: { idleMs?: number; maxWaitMs?: number } = {}) {
  const saves: string[] = [];
  const autosaver = new Autosaver({
    version: release.version,
    read: () => releaseContent({ headline: text.value }),
    save: async (content: ReleaseContent, baseVersion: number) => {
      saves.push(content.headline);
      return (await dispatch(backend.handlers, 'saveRelease', { id: release.id, baseVersion, content })) as never;
    },
    ...options,
  });
  return { autosaver, saves };
}

const storedHeadline = () => backend.handlers.getRelease({ id: release.id }).content.headline;

describe('Autosaver', () => {
  it('saves once after a burst of typing settles', async () => {
    vi.useFakeTimers();
    const text = { value: '' };
    const { autosaver, saves } = autosaverFor(text, { idleMs: 400, maxWaitMs: 10_000 });
    for (const word of ['Port', 'Port opens', 'Port opens today']) {
      text.value = word;
      autosaver.markDirty();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(saves).toEqual(['Port opens today']);
    expect(storedHeadline()).toBe('Port opens today');
    expect(autosaver.getState()).toMatchObject({ kind: 'saved' });
  });

  it('keeps saving during continuous typing, so at most the last moment is unsaved', async () => {
    vi.useFakeTimers();
    const text = { value: '' };
    const { autosaver, saves } = autosaverFor(text, { idleMs: 400, maxWaitMs: 800 });
    for (let key = 1; key <= 30; key++) {
      text.value = 'x'.repeat(key);
      autosaver.markDirty();
      await vi.advanceTimersByTimeAsync(100);
    }
    // Three seconds of typing at ten keys a second: a save at least every 800 ms.
    expect(saves.length).toBeGreaterThanOrEqual(3);
    expect(storedHeadline().length).toBeGreaterThanOrEqual(30 - 9);
  });

  /** An autosaver whose reading and serialising takes `costMs` on its clock: the fake timers' time plus what reading spent. */
  function costlyAutosaver(text: { value: string }, costMs: number) {
    const clock = { spent: 0 };
    const saves: string[] = [];
    const autosaver = new Autosaver({
      version: release.version,
      idleMs: 300,
      maxWaitMs: 600,
      costFactor: 40,
      now: () => Date.now() + clock.spent,
      read: () => {
        clock.spent += costMs;
        return releaseContent({ headline: text.value });
      },
      save: async (content, baseVersion) => {
        saves.push(content.headline);
        return (await dispatch(backend.handlers, 'saveRelease', { id: release.id, baseVersion, content })) as never;
      },
    });
    return { autosaver, saves };
  }

  it('spaces the saves of a body that is costly to serialise, so they take at most 1/costFactor of the main thread', async () => {
    vi.useFakeTimers();
    const text = { value: '' };
    // 50 ms to read and serialise, times 40: at least two seconds from one save to the next.
    const { autosaver, saves } = costlyAutosaver(text, 50);
    text.value = 'First words';
    autosaver.markDirty();
    await vi.advanceTimersByTimeAsync(300);
    expect(saves).toEqual(['First words']);
    for (let key = 1; key <= 15; key++) {
      text.value = `First words${'x'.repeat(key)}`;
      autosaver.markDirty();
      await vi.advanceTimersByTimeAsync(100);
    }
    // 1.5 s of typing since: a cheap body would have saved twice by now.
    expect(saves).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(saves).toHaveLength(2);
    expect(saves[1]).toBe(text.value);
    expect(autosaver.getState()).toMatchObject({ kind: 'saved' });
  });

  it('keeps a cheap body on its usual cadence, and a flush (blur, close) never waits for the spacing', async () => {
    vi.useFakeTimers();
    const text = { value: '' };
    const cheap = costlyAutosaver(text, 1);
    for (let key = 1; key <= 13; key++) {
      text.value = 'y'.repeat(key);
      cheap.autosaver.markDirty();
      await vi.advanceTimersByTimeAsync(100);
    }
    // One key every 100 ms for 1.3 s: a save at least every 600 ms, as before.
    expect(cheap.saves.length).toBeGreaterThanOrEqual(2);
    await vi.advanceTimersByTimeAsync(300);
    expect(storedHeadline()).toBe('y'.repeat(13));

    const costly = costlyAutosaver(text, 500);
    costly.autosaver.rebase(backend.handlers.getRelease({ id: release.id }).version, new Date().toISOString());
    text.value = 'Costly';
    costly.autosaver.markDirty();
    await vi.advanceTimersByTimeAsync(300);
    text.value = 'Costly, then closed';
    costly.autosaver.markDirty();
    await costly.autosaver.flush();
    expect(storedHeadline()).toBe('Costly, then closed');
  });

  it('writes everything at once on flush (blur, close)', async () => {
    const text = { value: 'Typed just before closing' };
    const { autosaver } = autosaverFor(text, { idleMs: 60_000, maxWaitMs: 60_000 });
    autosaver.markDirty();
    await autosaver.flush();
    expect(storedHeadline()).toBe('Typed just before closing');
    expect(autosaver.hasUnsavedChanges).toBe(false);
  });

  it('stops at a conflict and never overwrites the newer version', async () => {
    const text = { value: 'Mine' };
    const { autosaver } = autosaverFor(text);
    await backend.handlers.saveRelease({ id: release.id, baseVersion: 1, content: releaseContent({ headline: 'Theirs' }) });
    autosaver.markDirty();
    await autosaver.flush();
    expect(autosaver.getState()).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/newer version/) });
    text.value = 'Mine, edited again';
    autosaver.markDirty();
    await autosaver.flush();
    expect(storedHeadline()).toBe('Theirs');
    expect(autosaver.hasUnsavedChanges).toBe(true);
  });

  /** An autosaver whose first `failures` saves fail with `error`; the rest reach the real store. */
  function failingAutosaver(failures: number, error: ApiError) {
    const text = { value: 'Retry me' };
    let attempts = 0;
    const autosaver = new Autosaver({
      version: release.version,
      read: () => releaseContent({ headline: text.value }),
      save: async (content, baseVersion) => {
        attempts++;
        if (attempts <= failures) return { ok: false, error };
        return (await dispatch(backend.handlers, 'saveRelease', { id: release.id, baseVersion, content })) as never;
      },
    });
    return { autosaver, attempts: () => attempts };
  }
  const diskFull: ApiError = { kind: 'storage', message: 'The disk is full, so the change was not saved.', passing: true };

  it('tries a save that failed on a busy or full disk again by itself: quietly at first, then saying so, until it lands', async () => {
    vi.useFakeTimers();
    const { autosaver, attempts } = failingAutosaver(4, diskFull);
    autosaver.markDirty();
    await autosaver.flush();
    expect(attempts()).toBe(1);
    // Nothing to tell yet: a moment's contention usually passes by the next try.
    expect(autosaver.getState()).toEqual({ kind: 'saving' });
    await vi.advanceTimersByTimeAsync(250);
    expect(attempts()).toBe(2);
    expect(autosaver.getState()).toEqual({ kind: 'saving' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(attempts()).toBe(3);
    expect(autosaver.getState()).toEqual({ kind: 'failed', message: diskFull.message, retrying: true });
    expect(storedHeadline()).toBe('');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(attempts()).toBe(4);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(attempts()).toBe(5);
    expect(autosaver.getState()).toMatchObject({ kind: 'saved' });
    expect(storedHeadline()).toBe('Retry me');
    // Once saved, nothing more goes out.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts()).toBe(5);
  });

  it('does not repeat a refused save by itself; Retry tries again', async () => {
    vi.useFakeTimers();
    const refusal: ApiError = { kind: 'refused', message: 'This release is in review.' };
    const { autosaver, attempts } = failingAutosaver(1, refusal);
    autosaver.markDirty();
    await autosaver.flush();
    expect(autosaver.getState()).toEqual({ kind: 'failed', message: refusal.message, retrying: false });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts()).toBe(1);
    await autosaver.flush();
    expect(autosaver.getState()).toMatchObject({ kind: 'saved' });
    expect(storedHeadline()).toBe('Retry me');
  });
});
