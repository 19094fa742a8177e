import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { releaseContent, useTempDir } from '../testing/temp-store';
import { createStores } from '../api/backend';
import { DamagedDatabase, openDatabase } from './database';
import { datelineApplicationId, identifyDatabaseFile } from './file-identity';
import { latestSchemaVersion } from './migrations';

const tempDir = useTempDir();

/** The file with its -wal and -shm: a refusal must leave all three as they were. */
const fingerprint = (file: string) =>
  ['', '-wal', '-shm'].map((suffix) =>
    existsSync(file + suffix)
      ? createHash('sha256')
          .update(readFileSync(file + suffix))
          .digest('hex')
      : 'absent',
  );

/**
 * A database whose last transactions are still only in its write-ahead log, as
 * after a crash: copied while the writer holds it open with checkpoints off.
 */
function crashedCopy(prepare: (db: Database.Database) => void): string {
  const live = join(tempDir(), 'live.sqlite3');
  const db = new Database(live);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  prepare(db);
  const copy = join(tempDir(), 'dateline.sqlite3');
  for (const suffix of ['', '-wal', '-shm']) copyFileSync(live + suffix, copy + suffix);
  db.close();
  return copy;
}

describe('opening the database', () => {
  it('creates every table from empty and records the schema version', () => {
    const db = openDatabase(join(tempDir(), 'dateline.sqlite3'));
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.pragma('application_id', { simple: true })).toBe(datelineApplicationId);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['people', 'photos', 'release_photos', 'release_search', 'releases', 'settings']));
    db.close();
  });

  it('keeps everything across a close and reopen', () => {
    const file = join(tempDir(), 'dateline.sqlite3');
    const first = createStores(openDatabase(file));
    const writer = first.people.signIn('Amal Haddad');
    const release = first.releases.create(writer.id, releaseContent({ headline: 'Port opens' }));
    const db = openDatabase(file);
    const second = createStores(db);
    expect(second.releases.get(release.id).content.headline).toBe('Port opens');
    db.close();
  });

  it('refuses to create a database for a command that only reads', () => {
    const file = join(tempDir(), 'missing.sqlite3');
    expect(() => openDatabase(file, { create: false })).toThrow(/There is no Dateline database at/);
    expect(existsSync(file)).toBe(false);
  });

  // Each refused file stays byte-identical with its -wal and -shm: nothing is opened for writing, nothing checkpointed.
  const refusals: [string, () => string, RegExp][] = [
    [
      'an empty (zero-byte) file',
      () => {
        const file = join(tempDir(), 'empty.sqlite3');
        writeFileSync(file, '');
        return file;
      },
      /is an empty file, not a Dateline database/,
    ],
    [
      'a file that is not SQLite at all',
      () => {
        const file = join(tempDir(), 'notes.sqlite3');
        writeFileSync(file, 'These are my notes, not a database. '.repeat(200));
        return file;
      },
      /is not a Dateline database \(it is not an SQLite file at all\)/,
    ],
    [
      'another program’s database (user_version 0)',
      () => {
        const file = join(tempDir(), 'notes.sqlite3');
        const raw = new Database(file);
        raw.exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('dear diary')`);
        raw.close();
        return file;
      },
      /another program's SQLite database/,
    ],
    [
      'another program’s database with its own people table and user_version 3',
      () =>
        crashedCopy((raw) => {
          raw.exec(`CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO people (name) VALUES ('Bob')`);
          raw.pragma('user_version = 3');
        }),
      /another program's SQLite database/,
    ],
    [
      'a newer Dateline’s database whose upgrade is still in its -wal',
      () =>
        crashedCopy((raw) => {
          raw.pragma(`application_id = ${datelineApplicationId}`);
          raw.exec('CREATE TABLE future (x)');
          raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
        }),
      /written by a newer version of Dateline \(schema \d+; this version knows up to \d+\).*not changed/,
    ],
  ];
  for (const [name, make, message] of refusals) {
    it(`refuses ${name} and changes nothing`, () => {
      const file = make();
      const before = fingerprint(file);
      expect(() => openDatabase(file)).toThrow(message);
      expect(fingerprint(file)).toEqual(before);
    });
  }

  it('reads whose file it is from the -wal when the last commits never reached the file', () => {
    const file = crashedCopy((raw) => {
      raw.pragma(`application_id = ${datelineApplicationId}`);
      raw.pragma('user_version = 2');
    });
    const header = readFileSync(file).subarray(0, 100);
    expect(header.readUInt32BE(68)).toBe(0);
    expect(identifyDatabaseFile(file)).toEqual({ kind: 'dateline', userVersion: 2 });
  });

  it('ignores a torn last transaction in the -wal', () => {
    const file = crashedCopy((raw) => {
      raw.pragma(`application_id = ${datelineApplicationId}`);
      raw.pragma('user_version = 2');
      raw.pragma('user_version = 7');
    });
    // Damage the last frame, as a write cut off by a power loss would: its checksum no longer holds.
    const wal = readFileSync(`${file}-wal`);
    wal.writeUInt8(wal.readUInt8(wal.length - 10) ^ 0xff, wal.length - 10);
    writeFileSync(`${file}-wal`, wal);
    expect(identifyDatabaseFile(file)).toEqual({ kind: 'dateline', userVersion: 2 });
  });

  it('opens a Dateline database left by a crash with its last saves in the -wal, and keeps them', () => {
    const live = join(tempDir(), 'live.sqlite3');
    const db = openDatabase(live);
    db.pragma('wal_autocheckpoint = 0');
    const stores = createStores(db);
    const writer = stores.people.signIn('Amal Haddad');
    const release = stores.releases.create(writer.id, releaseContent({ headline: 'Saved just before the crash' }));
    const copy = join(tempDir(), 'dateline.sqlite3');
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(live + suffix, copy + suffix);
    db.close();
    const reopened = openDatabase(copy);
    expect(createStores(reopened).releases.get(release.id).content.headline).toBe('Saved just before the crash');
    reopened.close();
  });

  it('refuses a damaged Dateline database before writing to it', () => {
    const file = join(tempDir(), 'dateline.sqlite3');
    const db = openDatabase(file);
    const stores = createStores(db);
    const writer = stores.people.signIn('Amal Haddad');
    for (let index = 0; index < 40; index++)
      stores.releases.create(writer.id, releaseContent({ headline: `Release ${index} `.repeat(40) }));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the middle of an interior page, as a failing disk would.
    bytes.fill(0x5a, pageSize * 3 + 8, pageSize * 3 + 200);
    writeFileSync(file, bytes);
    const before = fingerprint(file);
    expect(() => openDatabase(file)).toThrow(/is damaged .*Dateline did not write to it/);
    expect(fingerprint(file)).toEqual(before);
  });

  it('refuses every file with flipped bytes that SQLite finds damaged, and the rest open whole (40 seeded files)', () => {
    const dir = tempDir();
    const original = join(dir, 'original.sqlite3');
    const db = openDatabase(original);
    const stores = createStores(db);
    const writer = stores.people.signIn('Amal Haddad');
    for (let index = 0; index < 40; index++)
      stores.releases.create(writer.id, releaseContent({ headline: `Release ${index}`, bodyText: [`Paragraph ${index} `.repeat(50)] }));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    const outcomes = { refused: 0, openedWhole: 0 };
    for (let seed = 1; seed <= 40; seed++) {
      const file = join(dir, `flipped-${seed}.sqlite3`);
      copyFileSync(original, file);
      const bytes = readFileSync(file);
      const next = seededRandom(seed);
      // Eight single-bit flips past the header, as a failing disk or a bad copy makes them.
      for (let flip = 0; flip < 8; flip++) bytes[100 + Math.floor(next() * (bytes.length - 100))]! ^= 1 << Math.floor(next() * 8);
      writeFileSync(file, bytes);
      const before = fingerprint(file);
      try {
        const opened = openDatabase(file);
        // What opens must be whole: a flip that only changed a letter inside a text is not damage SQLite can see.
        expect(opened.pragma('integrity_check', { simple: true })).toBe('ok');
        opened.close();
        outcomes.openedWhole++;
      } catch (error) {
        expect(error).toBeInstanceOf(DamagedDatabase);
        expect(fingerprint(file)).toEqual(before);
        outcomes.refused++;
      }
    }
    console.log(`flipped bytes: ${outcomes.refused} of 40 files refused as damaged, ${outcomes.openedWhole} opened whole`);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});

/** mulberry32: the same flips for the same seed on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
