import type Database from 'better-sqlite3';
import { writeTransaction } from '../store/write-transaction';

/** The team server's own tables; each change is a new entry, applied once, in order. */
const migrations: ((db: Database.Database) => void)[] = [
  (db) =>
    db.exec(`
      CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        -- The names rule's comparison (NFKC, case folded, invisible characters out): one person per key.
        name_key TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        admin INTEGER NOT NULL DEFAULT 0,
        password_hash TEXT NOT NULL,
        disabled_at TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people(id),
        -- SHA-256 of the token: the table alone opens no session.
        token_hash TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT NOT NULL,
        ended_at TEXT
      );
      CREATE TABLE sign_in_failures (name_key TEXT NOT NULL, at TEXT NOT NULL);
      CREATE INDEX sign_in_failures_by_name ON sign_in_failures (name_key, at);
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id INTEGER REFERENCES people(id),
        action TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    `),
];

export function migrateTeamDatabase(db: Database.Database): void {
  migrations.forEach((migrate, index) =>
    writeTransaction(db, () => {
      if ((db.pragma('user_version', { simple: true }) as number) > index) return;
      migrate(db);
      db.pragma(`user_version = ${index + 1}`);
    }),
  );
}
