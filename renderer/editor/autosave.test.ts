import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

  it('reports a failed save and succeeds on retry', async () => {
    const text = { value: 'Retry me' };
    let failNext = true;
    const autosaver = new Autosaver({
      version: release.version,
      read: () => releaseContent({ headline: text.value }),
      save: async (content, baseVersion) => {
        if (failNext) {
          failNext = false;
          return { ok: false, error: { kind: 'storage', message: 'The disk is full, so the change was not saved.' } };
        }
        return (await dispatch(backend.handlers, 'saveRelease', { id: release.id, baseVersion, content })) as never;
      },
    });
    autosaver.markDirty();
    await autosaver.flush();
    expect(autosaver.getState()).toEqual({ kind: 'failed', message: 'The disk is full, so the change was not saved.' });
    await autosaver.flush();
    expect(autosaver.getState()).toMatchObject({ kind: 'saved' });
    expect(storedHeadline()).toBe('Retry me');
  });
});
