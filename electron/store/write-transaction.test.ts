import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForNode } from '../testing/bundle-for-node';
import { useTempDir } from '../testing/temp-store';
import { openDatabase } from './database';

const tempDir = useTempDir();
let writer: string;

beforeAll(() => {
  writer = bundleForNode(join(import.meta.dirname, '../testing/save-flat-out.ts'), 'save-flat-out');
});

function saveFlatOut(file: string, saves: number, name: string): Promise<{ failures: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, file, String(saves), name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`writer exited ${code}: ${err}`))));
  });
}

describe('two processes writing at once', () => {
  it('never tells a person the database is busy: every write waits for the lock', async () => {
    const file = join(tempDir(), 'dateline.sqlite3');
    openDatabase(file).close();
    const results = await Promise.all([saveFlatOut(file, 400, 'Amal Haddad'), saveFlatOut(file, 400, 'Badr Saleh')]);
    expect(results.flatMap((result) => result.failures)).toEqual([]);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare(`SELECT headline FROM releases ORDER BY headline`).pluck().all()).toEqual(['Amal Haddad 399', 'Badr Saleh 399']);
    db.close();
  });
});
