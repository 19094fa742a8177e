import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { MethodName } from '@shared/api/contract';
import type { Backup } from '@shared/api/store-care';
import { releaseContent, useTempDir } from '../testing/temp-store';
import { backupsToKeep } from '../store/automatic-backups';
import { openBackend, type Backend } from './backend';
import { dispatch } from './dispatch';

const tempDir = useTempDir();

/** Calls through the dispatcher, as the app does, and returns the value or throws the failure's sentence. */
async function call<T = unknown>(backend: Backend, method: MethodName, input: unknown = {}): Promise<T> {
  const result = await dispatch(backend.handlers, method, input);
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}
const refusal = async (backend: Backend, method: MethodName, input: unknown = {}) => {
  const result = await dispatch(backend.handlers, method, input);
  if (result.ok) throw new Error(`${method} was expected to fail`);
  return result.error;
};

async function withReleases(file: string, headlines: string[], options = {}): Promise<Backend> {
  const backend = openBackend(file, options);
  await call(backend, 'signIn', { name: 'Amal Haddad' });
  for (const headline of headlines)
    await call(backend, 'createRelease', { content: releaseContent({ headline, bodyText: [`${headline}.`] }) });
  return backend;
}
const headlinesIn = async (backend: Backend) =>
  (await call<{ headline: string }[]>(backend, 'listReleases', { view: 'active' })).map((release) => release.headline).sort();

const fingerprint = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Scribbles over pages in the middle of the file, as a failing disk would. */
function damage(file: string): void {
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  bytes.fill(0x5a, pageSize * 3 + 8, pageSize * 3 + 400);
  writeFileSync(file, bytes);
}

describe('automatic backups', () => {
  it('take a verified, self-contained copy at start, and not again at a restart within the hour', async () => {
    const dir = tempDir();
    const file = join(dir, 'dateline.sqlite3');
    const backend = await withReleases(file, ['Port opens'], { automaticBackups: true });
    await backend.close();
    const [first, ...others] = readdirSync(join(dir, 'backups'));
    expect(others).toEqual([]);
    expect(first).toMatch(/^dateline-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.sqlite3$/);

    const copy = new Database(join(dir, 'backups', first!), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();

    const restarted = openBackend(file, { automaticBackups: true });
    await restarted.close();
    expect(readdirSync(join(dir, 'backups'))).toEqual([first]);
  });

  it('keep the newest ten and the newest of each day for thirty days', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    // Three a day for 45 days, newest first.
    const backups: Backup[] = Array.from({ length: 45 * 3 }, (_, index) => {
      const takenAt = new Date(now.getTime() - Math.floor(index / 3) * 86_400_000 - (index % 3) * 3_600_000 - 60_000).toISOString();
      return { name: `b${index}`, takenAt, bytes: 1 };
    });
    const kept = backupsToKeep(backups, now);
    const newestTen = backups.slice(0, 10).map((backup) => backup.name);
    const newestOfEachDay = Array.from({ length: 30 }, (_, day) => `b${day * 3}`);
    expect([...kept].sort()).toEqual([...new Set([...newestTen, ...newestOfEachDay])].sort());
  });

  it('Back up now adds one the list shows', async () => {
    const backend = await withReleases(join(tempDir(), 'dateline.sqlite3'), ['Port opens']);
    const taken = await call<Backup>(backend, 'backUpNow');
    expect(await call(backend, 'listBackups')).toMatchObject({ backups: [taken], lastFailure: null });
    await backend.close();
  });
});

describe('restore from Settings', () => {
  it('brings back the backup’s releases, sets the current file aside, and the store goes on working', async () => {
    const dir = tempDir();
    const file = join(dir, 'dateline.sqlite3');
    const backend = await withReleases(file, ['Port opens', 'Ferry resumes']);
    const backup = await call<Backup>(backend, 'backUpNow');
    await call(backend, 'createRelease', { content: releaseContent({ headline: 'Written after the backup' }) });

    const { setAsideAs } = await call<{ setAsideAs: string }>(backend, 'restoreBackup', { name: backup.name });
    expect(await headlinesIn(backend)).toEqual(['Ferry resumes', 'Port opens']);
    expect(setAsideAs).toMatch(/dateline\.sqlite3\.before-restore-/);
    const setAside = new Database(setAsideAs, { readonly: true });
    expect(setAside.prepare(`SELECT count(*) FROM releases`).pluck().get()).toBe(3);
    setAside.close();

    await call(backend, 'createRelease', { content: releaseContent({ headline: 'Written after the restore' }) });
    expect(await headlinesIn(backend)).toEqual(['Ferry resumes', 'Port opens', 'Written after the restore']);
    await backend.close();
  });

  it('restores one backup at a time: a second asked for meanwhile, from another window, is refused', async () => {
    const backend = await withReleases(join(tempDir(), 'dateline.sqlite3'), ['Port opens']);
    const backup = await call<Backup>(backend, 'backUpNow');
    const [first, second] = await Promise.all([
      dispatch(backend.handlers, 'restoreBackup', { name: backup.name }),
      dispatch(backend.handlers, 'restoreBackup', { name: backup.name }),
    ]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { kind: 'refused', message: /being restored already/ } });
    expect(await headlinesIn(backend)).toEqual(['Port opens']);
    await backend.close();
  });

  it('takes only a name from the list, never a path', async () => {
    const backend = await withReleases(join(tempDir(), 'dateline.sqlite3'), ['Port opens']);
    expect((await refusal(backend, 'restoreBackup', { name: '../dateline.sqlite3' })).kind).toBe('invalid-input');
    expect((await refusal(backend, 'restoreBackup', { name: 'dateline-2020-01-01T00-00-00-000Z.sqlite3' })).kind).toBe('not-found');
    expect(await headlinesIn(backend)).toEqual(['Port opens']);
    await backend.close();
  });
});

describe('a database damaged when Dateline starts', () => {
  async function damagedWithBackup() {
    const dir = tempDir();
    const file = join(dir, 'dateline.sqlite3');
    const headlines = Array.from({ length: 40 }, (_, index) => `Release ${index} `.repeat(30).trim());
    const backend = await withReleases(file, headlines);
    const backup = await call<Backup>(backend, 'backUpNow');
    await backend.close();
    damage(file);
    return { dir, file, backup, damagedBytes: fingerprint(file), opened: openBackend(file) };
  }

  it('says so, answers nothing else, and writes nothing to it', async () => {
    const { file, damagedBytes, opened } = await damagedWithBackup();
    expect(await call(opened, 'storeHealth')).toMatchObject({ state: 'damaged', file });
    const refused = await refusal(opened, 'listReleases', { view: 'active' });
    expect(refused).toMatchObject({ kind: 'refused', message: expect.stringMatching(/is damaged .*Choose what to do with it/) });
    expect(fingerprint(file)).toBe(damagedBytes);
    expect(existsSync(`${file}-wal`)).toBe(false);
    await opened.close();
  });

  it('is replaced by the chosen backup, and kept aside untouched', async () => {
    const { file, backup, damagedBytes, opened } = await damagedWithBackup();
    const recovered = await call<{ setAsideAs: string; report: string }>(opened, 'recoverStore', { choice: 'backup', name: backup.name });
    expect(recovered.report).toContain(backup.takenAt);
    expect(fingerprint(recovered.setAsideAs)).toBe(damagedBytes);
    expect(await call(opened, 'storeHealth')).toEqual({ state: 'ok' });
    expect(await headlinesIn(opened)).toHaveLength(40);
    expect(fingerprint(file)).not.toBe(damagedBytes);
    await opened.close();
  });

  it('keeps the -wal a crash left beside the damaged file, byte for byte, when a backup replaces it', async () => {
    const dir = tempDir();
    const file = join(dir, 'dateline.sqlite3');
    const backend = await withReleases(
      file,
      Array.from({ length: 40 }, (_, index) => `Release ${index} `.repeat(30).trim()),
    );
    const backup = await call<Backup>(backend, 'backUpNow');
    await backend.close();
    damage(file);
    // Whatever the crash left in the -wal is evidence too: nothing may fold it into the file or delete it.
    writeFileSync(`${file}-wal`, Buffer.alloc(8192, 0x33));
    const before = { file: fingerprint(file), wal: fingerprint(`${file}-wal`) };
    const opened = openBackend(file);
    const recovered = await call<{ setAsideAs: string }>(opened, 'recoverStore', { choice: 'backup', name: backup.name });
    expect({ file: fingerprint(recovered.setAsideAs), wal: fingerprint(`${recovered.setAsideAs}-wal`) }).toEqual(before);
    await opened.close();
  });

  it('is salvaged: what still reads is copied into a new database, searchable again', async () => {
    const dir = tempDir();
    const file = join(dir, 'dateline.sqlite3');
    const headlines = Array.from({ length: 30 }, (_, index) => `Statement ${index} on the harbour `.repeat(15).trim());
    const backend = await withReleases(file, headlines);
    await backend.close();
    // Cut off the last tenth, as a disk that filled during a copy would.
    truncateSync(file, Math.floor(readFileSync(file).length * 0.9));

    const opened = openBackend(file);
    expect(await call(opened, 'storeHealth')).toMatchObject({ state: 'damaged' });
    const recovered = await call<{ setAsideAs: string; report: string }>(opened, 'recoverStore', { choice: 'salvage' });
    const count = Number(/Recovered (\d+) releases/.exec(recovered.report)?.[1]);
    const listed = await headlinesIn(opened);
    expect(listed).toHaveLength(count);
    // 24 of 30 when this was written: the rest were in the tenth that was cut off.
    expect(count).toBeGreaterThanOrEqual(20);
    for (const headline of listed) expect(headlines).toContain(headline);
    const found = await call<unknown[]>(opened, 'listReleases', { view: 'active', query: 'harbour' });
    expect(found).toHaveLength(count);
    expect(await call(opened, 'getSession')).toMatchObject({ person: { name: 'Amal Haddad' } });
    // The history's own check names what the cut took with it, rather than passing a history with a hole in it.
    const history = await call<{ intact: boolean; breaks?: { table: string }[] }>(opened, 'historyCheck');
    expect(history.intact).toBe(count === headlines.length);
    // Which tables the cut reaches depends on where their pages lie, which each migration shifts: only those may be named.
    const damagedTables = /could not be read \(in ([^)]*)\)/.exec(recovered.report)?.[1]?.split(', ') ?? [];
    for (const found of history.breaks ?? []) expect(damagedTables).toContain(found.table);
    await opened.close();
  });

  it('can be set aside for a fresh start, and only when it is damaged', async () => {
    const { opened } = await damagedWithBackup();
    const recovered = await call<{ setAsideAs: string }>(opened, 'recoverStore', { choice: 'fresh' });
    expect(existsSync(recovered.setAsideAs)).toBe(true);
    expect(await call(opened, 'getSession')).toEqual({ person: null });
    expect((await refusal(opened, 'recoverStore', { choice: 'fresh' })).message).toMatch(/not damaged; nothing was changed/);
    await opened.close();
  });
});

describe('a release whose stored text is damaged', () => {
  it('is refused with its last readable version offered, which restores it; actions on it are refused, not errors', async () => {
    const file = join(tempDir(), 'dateline.sqlite3');
    const backend = await withReleases(file, ['Port opens']);
    const [release] = await call<{ id: string; version: number }[]>(backend, 'listReleases', { view: 'active' });
    const raw = new Database(file);
    raw.prepare(`UPDATE releases SET content = substr(content, 1, 40) WHERE id = ?`).run(release!.id);
    raw.close();

    const refused = await refusal(backend, 'getRelease', { id: release!.id });
    expect(refused).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/stored text is damaged/),
      currentVersion: 1,
      lastReadableRevision: { actorName: 'Amal Haddad' },
    });
    const submit = await refusal(backend, 'transitionRelease', { id: release!.id, action: 'submit', baseVersion: 1 });
    expect(submit.kind).toBe('refused');
    expect(await headlinesIn(backend)).toEqual(['Port opens']);

    const restored = await call<{ content: { headline: string }; version: number }>(backend, 'restoreRevision', {
      releaseId: release!.id,
      revisionId: refused.lastReadableRevision!.id,
      baseVersion: refused.currentVersion,
    });
    expect(restored).toMatchObject({ version: 2, content: { headline: 'Port opens' } });
    await backend.close();
  });
});
