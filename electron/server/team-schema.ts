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
  // Releases on the team: the workflow's facts (read off the document for headline and hash), the Yjs documents themselves,
  // who edited since a reviewer last looked, signed approvals, comments, photos, the signing key and answered commands.
  (db) =>
    db.exec(`
      CREATE TABLE team_releases (
        id TEXT PRIMARY KEY,
        author_id INTEGER NOT NULL REFERENCES people(id),
        status TEXT NOT NULL DEFAULT 'draft',
        headline TEXT NOT NULL DEFAULT '',
        content_sha256 TEXT NOT NULL,
        last_editor_id INTEGER NOT NULL REFERENCES people(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        submitted_at TEXT,
        status_changed_at TEXT,
        status_changed_by INTEGER REFERENCES people(id)
      );
      -- Encoded with Y.encodeStateAsUpdate; each store merges into what is there, so two servers never drop each other's words.
      CREATE TABLE release_documents (
        release_id TEXT PRIMARY KEY REFERENCES team_releases(id),
        state BLOB NOT NULL,
        stored_at TEXT NOT NULL
      );
      -- Everyone whose edits reached the server since a reviewer last approved or requested changes.
      CREATE TABLE release_contributors (
        release_id TEXT NOT NULL REFERENCES team_releases(id),
        person_id INTEGER NOT NULL REFERENCES people(id),
        first_at TEXT NOT NULL,
        PRIMARY KEY (release_id, person_id)
      );
      CREATE TABLE approvals (
        id INTEGER PRIMARY KEY,
        release_id TEXT NOT NULL REFERENCES team_releases(id),
        content_sha256 TEXT NOT NULL,
        approver_id INTEGER NOT NULL REFERENCES people(id),
        approver_name TEXT NOT NULL,
        approved_at TEXT NOT NULL,
        signature TEXT NOT NULL,
        -- A state change (submit, withdraw...) sets an approval aside for good; an edit only makes it stale until the words return.
        set_aside_at TEXT
      );
      CREATE INDEX approvals_by_release ON approvals (release_id, id);
      CREATE TABLE team_comments (
        id TEXT PRIMARY KEY,
        release_id TEXT NOT NULL REFERENCES team_releases(id),
        author_id INTEGER NOT NULL REFERENCES people(id),
        body TEXT NOT NULL,
        inline INTEGER NOT NULL,
        quote TEXT NOT NULL,
        created_at TEXT NOT NULL,
        edited_at TEXT,
        resolved_at TEXT,
        resolved_by INTEGER REFERENCES people(id),
        deleted_at TEXT
      );
      CREATE INDEX team_comments_by_release ON team_comments (release_id, created_at);
      CREATE TABLE team_photos (id TEXT PRIMARY KEY, mime TEXT NOT NULL, bytes BLOB NOT NULL, created_at TEXT NOT NULL);
      -- The answer to each command a person sent, so a replay (an answer lost on the way) is done once.
      CREATE TABLE commands (
        command_id TEXT PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people(id),
        method TEXT NOT NULL,
        answer TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE TABLE signing_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        private_key TEXT NOT NULL,
        public_key TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `),
  // Who edited a release since its document was last read, kept where every server process sees it: with two
  // processes, an edit on one and an approval on the other must meet in the database, not in one process's memory.
  (db) =>
    db.exec(`
      CREATE TABLE release_pending_editors (
        release_id TEXT NOT NULL REFERENCES team_releases(id),
        person_id INTEGER NOT NULL REFERENCES people(id),
        last_edit_at TEXT NOT NULL,
        PRIMARY KEY (release_id, person_id)
      );
    `),
];

/** Brings the file up to date; upTo stops earlier, so a test can make a file as an older server left it. */
export function migrateTeamDatabase(db: Database.Database, upTo = migrations.length): void {
  migrations.slice(0, upTo).forEach((migrate, index) =>
    writeTransaction(db, () => {
      if ((db.pragma('user_version', { simple: true }) as number) > index) return;
      migrate(db);
      db.pragma(`user_version = ${index + 1}`);
    }),
  );
}
