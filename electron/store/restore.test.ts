import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { releaseContent, useTempDir } from '../testing/temp-store';
import { createStores } from '../api/backend';
import { backupDatabase } from './backup';
import { openDatabase } from './database';
import { restoreDatabase } from './restore';

const tempDir = useTempDir();

const headlines = (file: string) => {
  const db = openDatabase(file);
  const list = createStores(db)
    .releases.list('active')
    .map((release) => release.headline)
    .sort();
  db.close();
  return list;
};

/** A process that saves a release, leaves the save only in the -wal, and is killed: a crash. */
function crashAfterSaving(file: string, headline: string): Promise<void> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('wal_autocheckpoint = 0');
    db.prepare("UPDATE releases SET headline = ?").run(process.argv[2]);
    process.stdout.write('saved\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script, file, headline], { cwd: join(import.meta.dirname, '../..') });
  return new Promise((resolve) => {
    child.stdout.on('data', () => child.kill('SIGKILL'));
    child.on('exit', () => resolve());
  });
}

describe('restoreDatabase', () => {
  it('after a crash, gives the backup’s content with integrity ok, and sets the crashed file aside with what its -wal held', async () => {
    const dir = tempDir();
    const file = join(dir, 'dateline.sqlite3');
    const db = openDatabase(file);
    const stores = createStores(db);
    const writer = stores.people.signIn('Amal Haddad');
    for (const headline of ['Port opens', 'Ferry resumes']) stores.releases.create(writer.id, releaseContent({ headline }));
    const backup = join(dir, 'backup.sqlite3');
    await backupDatabase(db, backup);
    db.close();

    await crashAfterSaving(file, 'Edited after the backup');
    expect(existsSync(`${file}-wal`)).toBe(true);
    const setAside = restoreDatabase(file, backup, { now: new Date('2026-12-05T10:00:00Z') });
    // No log of the crashed session is left beside the restored copy to be applied to it.
    expect(existsSync(`${file}-wal`)).toBe(false);

    expect(headlines(file)).toEqual(['Ferry resumes', 'Port opens']);
    const restored = new Database(file, { readonly: true });
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.close();
    expect(setAside).toBe(join(dir, 'dateline.sqlite3.before-restore-2026-12-05T10-00-00-000Z'));
    // The crashed file still holds the edit made after the backup: nothing was thrown away.
    const crashed = new Database(setAside!, { readonly: true });
    expect(crashed.prepare('SELECT DISTINCT headline FROM releases').pluck().all()).toEqual(['Edited after the backup']);
    crashed.close();
  });

  it('refuses while Dateline has the database open, and changes nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'dateline.sqlite3');
    const db = openDatabase(file);
    const backup = join(dir, 'backup.sqlite3');
    await backupDatabase(db, backup);
    const before = readdirSync(dir).sort();
    expect(() => restoreDatabase(file, backup)).toThrow(/Dateline is using this database now/);
    expect(readdirSync(dir).sort()).toEqual(before);
    db.close();
  });

  it('refuses a backup that is not Dateline’s, is damaged or was opened since', () => {
    const dir = tempDir();
    const file = join(dir, 'dateline.sqlite3');
    openDatabase(file).close();
    const notes = join(dir, 'notes.sqlite3');
    writeFileSync(notes, 'not a database at all '.repeat(100));
    expect(() => restoreDatabase(file, notes)).toThrow(/is not a Dateline backup/);
    expect(() => restoreDatabase(file, join(dir, 'missing.sqlite3'))).toThrow(/There is no backup/);

    const opened = join(dir, 'opened.sqlite3');
    const db = openDatabase(opened);
    expect(() => restoreDatabase(file, opened)).toThrow(/has a -wal file beside it/);
    db.close();
    expect(readdirSync(dir).filter((name) => name.includes('before-restore'))).toEqual([]);
  });
});
