import { existsSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { ApiFailure } from '@shared/api/result';
import { datelineApplicationId, identifyDatabaseFile, type FileIdentity } from './file-identity';
import { latestSchemaVersion, migrations } from './migrations';
import { openSqlite } from './sqlite';
import { writeTransaction } from './write-transaction';

export interface OpenOptions {
  /** False for commands that only read: a missing file is reported, not created. */
  create?: boolean;
}

const unchanged = 'Dateline did not open it for writing, and the file was not changed.';

/** Why a file that is there cannot be Dateline's store, in words a person can act on; null when it is ours. */
function refusalFor(file: string, identity: FileIdentity, create: boolean): string | null {
  switch (identity.kind) {
    case 'absent':
      return create ? null : `There is no Dateline database at ${file}.`;
    case 'empty':
      return `${file} is an empty file, not a Dateline database. ${unchanged} Move it aside to start a new database there.`;
    case 'not-sqlite':
      return `${file} is not a Dateline database (it is not an SQLite file at all). ${unchanged}`;
    case 'foreign':
      return `${file} is another program's SQLite database, not Dateline's. ${unchanged}`;
    case 'dateline':
      return identity.userVersion > latestSchemaVersion
        ? `This database (${file}) was written by a newer version of Dateline (schema ${identity.userVersion}; this version knows up to ${latestSchemaVersion}). Update Dateline to open it; the file was not changed.`
        : null;
  }
}

/**
 * Opens (creating if allowed) and migrates the store. Whose file it is is
 * decided from its bytes before any connection exists (file-identity.ts), so a
 * file that is refused (empty, foreign, newer) stays exactly as it was, -wal
 * and -shm included. A damaged Dateline file is refused before anything is written to it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const identity = identifyDatabaseFile(file);
  const refusal = refusalFor(file, identity, options.create ?? true);
  if (refusal) throw new ApiFailure({ kind: 'refused', message: refusal });
  if (identity.kind === 'dateline') refuseIfDamaged(file);
  const db = openSqlite(file);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a save that was reported as saved survives a power cut, not only a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, identity.kind === 'dateline' ? identity.userVersion : 0);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * integrity_check reads every page and checks every index against its table,
 * so damage is found before the first write. quick_check skips the index
 * cross-check and let 4 of 40 files with flipped bytes through, while costing
 * as much: both take about 0.1 s on a 216 MB database. It reads through a read-only
 * connection, which never checkpoints: a damaged file and its -wal are set
 * aside exactly as they were found. (The empty -wal and -shm such a connection
 * makes, where there were none, go again when the file is refused.)
 */
function refuseIfDamaged(file: string): void {
  const absentCompanions = ['-wal', '-shm'].filter((suffix) => !existsSync(file + suffix));
  let checker: Database.Database | null = null;
  try {
    checker = openSqlite(file, { readonly: true, fileMustExist: true });
    const problems = (checker.pragma('integrity_check(3)') as { integrity_check: string }[]).map((row) =>
      row.integrity_check.replace(/\s*\n\s*/g, ' '),
    );
    if (problems.length !== 1 || problems[0] !== 'ok') throw new DamagedDatabase(file, problems.join('; '));
  } catch (error) {
    // A page so damaged that reading it fails outright says the same as a failed check.
    const code = String((error as { code?: unknown }).code);
    const unreadable = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
    const damage = error instanceof DamagedDatabase ? error : unreadable ? new DamagedDatabase(file, (error as Error).message) : null;
    if (!damage) throw error;
    checker?.close();
    checker = null;
    for (const suffix of absentCompanions) rmSync(file + suffix, { force: true });
    throw damage;
  } finally {
    checker?.close();
  }
}

/** A Dateline file that failed its check at open; nothing was written to it. */
export class DamagedDatabase extends ApiFailure {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super({
      kind: 'refused',
      message: `The database file ${file} is damaged (${problem}). Dateline did not write to it. Restore it from a backup, or copy it somewhere safe before trying anything else.`,
    });
  }
}

/** Runs the migrations after fromVersion, up to toVersion (tests stop early to seed an old schema). */
export function migrate(db: Database.Database, fromVersion: number, toVersion = latestSchemaVersion): void {
  for (const migration of migrations) {
    if (migration.version <= fromVersion || migration.version > toVersion) continue;
    writeTransaction(db, () => {
      // Read again under the write lock: another Dateline starting on the same old file may have just run it.
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      migration.up(db);
      db.pragma(`application_id = ${datelineApplicationId}`);
      db.pragma(`user_version = ${migration.version}`);
    });
  }
}
