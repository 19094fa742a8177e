import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '@shared/api/result';
import { useTempDir } from '../testing/temp-store';
import { backupDatabase, backupDatabaseInSteps } from './backup';
import { openDatabase } from './database';

const tempDir = useTempDir();

/** A Dateline database of about 24 MB: 200 photos of 120 kB. */
function largeDatabase(file: string): Database.Database {
  const db = openDatabase(file);
  const insert = db.prepare(
    `INSERT INTO photos (id, mime, width, height, byte_size, bytes, created_at) VALUES (@id, 'image/png', 10, 10, @size, @bytes, @at)`,
  );
  db.transaction(() => {
    for (let index = 0; index < 200; index++) {
      const bytes = Buffer.alloc(120_000, index);
      insert.run({ id: index.toString(16).padStart(64, '0'), size: bytes.length, bytes, at: new Date().toISOString() });
    }
  })();
  return db;
}

/**
 * Another process saving flat out, as a second Dateline window or the CLI would:
 * each commit rewrites a photo row. It says "writing" after its first commit.
 */
function steadyWriter(file: string) {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    const update = db.prepare('UPDATE photos SET bytes = ?, created_at = ? WHERE id = ?');
    let saves = 0;
    process.on('SIGTERM', () => { process.stdout.write('saves ' + saves + '\\n', () => process.exit(0)); });
    const loop = () => {
      for (let i = 0; i < 20; i++) {
        update.run(Buffer.alloc(120000, saves % 251), new Date().toISOString(), (saves % 200).toString(16).padStart(64, '0'));
        saves++;
      }
      if (saves === 20) process.stdout.write('writing\\n');
      setImmediate(loop);
    };
    loop();`;
  const child = spawn(process.execPath, ['-e', script, file], {
    cwd: join(import.meta.dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = new Promise<void>((resolve) => child.stdout.on('data', () => output.includes('writing') && resolve()));
  const stop = () =>
    new Promise<number>((resolve) => {
      child.once('exit', () => resolve(Number(/saves (\d+)/.exec(output)?.[1] ?? 0)));
      child.kill('SIGTERM');
    });
  return { started, stop };
}

describe('backupDatabase', () => {
  it.each([
    ['VACUUM INTO (the command line)', backupDatabase],
    ['in steps (automatic backups; each commit of the other process restarts the copy)', backupDatabaseInSteps],
  ])('%s finishes while another process saves flat out, and the copy is whole', async (_how, backUp) => {
    const dir = tempDir();
    const file = join(dir, 'dateline.sqlite3');
    const db = largeDatabase(file);
    const writer = steadyWriter(file);
    await writer.started;
    const target = join(dir, 'backup.sqlite3');
    await backUp(db, target);
    const saves = await writer.stop();
    db.close();

    expect(saves).toBeGreaterThan(20);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(200);
    copy.close();
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('never replaces a file, and leaves nothing behind when it cannot write', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'dateline.sqlite3'));
    const target = join(dir, 'backup.sqlite3');
    await backupDatabase(db, target);
    await expect(backupDatabase(db, target)).rejects.toThrow(ApiFailure);
    await expect(backupDatabase(db, target)).rejects.toThrow(/already exists; it was not replaced/);
    const nowhere = join(dir, 'missing-folder', 'backup.sqlite3');
    await expect(backupDatabase(db, nowhere)).rejects.toThrow();
    expect(existsSync(join(dir, 'missing-folder'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['backup.sqlite3', 'dateline.sqlite3', 'dateline.sqlite3-shm', 'dateline.sqlite3-wal']);
    db.close();
  });
});
