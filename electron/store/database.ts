import Database from 'better-sqlite3';
import { ApiFailure } from '@shared/api/result';
import { latestSchemaVersion, migrations } from './migrations';

/** Marks the file as Dateline's, so another program's SQLite file is never migrated by mistake. */
const applicationId = 0x44544c4e; // "DTLN"

export interface OpenOptions {
  /** Path to a better-sqlite3 build for another runtime (Electron's ABI). */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) and migrates the store. A database written by a
 * newer Dateline, or a file that is not Dateline's, is refused before anything
 * in it is changed.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const owner = db.pragma('application_id', { simple: true }) as number;
    if (version > latestSchemaVersion) {
      throw new ApiFailure({
        kind: 'refused',
        message: `This database (${file}) was written by a newer version of Dateline (schema ${version}; this version knows up to ${latestSchemaVersion}). Update Dateline to open it; the file was not changed.`,
      });
    }
    if (version > 0 && owner !== applicationId) {
      throw new ApiFailure({ kind: 'refused', message: `${file} is not a Dateline database; it was not changed.` });
    }
    db.pragma('journal_mode = WAL');
    // FULL: a save that was reported as saved survives a power cut, not only a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, version);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs the migrations after fromVersion, up to toVersion (tests stop early to seed an old schema). */
export function migrate(db: Database.Database, fromVersion: number, toVersion = latestSchemaVersion): void {
  for (const migration of migrations) {
    if (migration.version <= fromVersion || migration.version > toVersion) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`application_id = ${applicationId}`);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
