import type { Database } from 'better-sqlite3';
import type { ReleaseContent } from '@shared/release/content';
import { bodyPlainText, countText } from '@shared/release/text';

/**
 * Review and approval: roles, approvals bound to a content hash, comments,
 * revisions and an append-only audit trail. Existing releases get a first
 * revision, so their history starts where this version finds them.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE people ADD COLUMN role TEXT NOT NULL DEFAULT 'writer' CHECK (role IN ('writer', 'reviewer'));
    ALTER TABLE releases ADD COLUMN status_changed_at TEXT;
    ALTER TABLE releases ADD COLUMN status_changed_by INTEGER REFERENCES people(id);
    CREATE INDEX releases_by_status ON releases (status, status_changed_at);

    CREATE TABLE approvals (
      id INTEGER PRIMARY KEY,
      release_seq INTEGER NOT NULL REFERENCES releases(seq),
      approver_id INTEGER NOT NULL REFERENCES people(id),
      content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
      approved_at TEXT NOT NULL,
      stale_at TEXT
    );
    CREATE INDEX approvals_by_release ON approvals (release_seq, id);

    CREATE TABLE comments (
      id TEXT PRIMARY KEY,
      release_seq INTEGER NOT NULL REFERENCES releases(seq),
      author_id INTEGER NOT NULL REFERENCES people(id),
      body TEXT NOT NULL,
      inline INTEGER NOT NULL DEFAULT 0,
      quote TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      edited_at TEXT,
      deleted_at TEXT,
      resolved_at TEXT,
      resolved_by INTEGER REFERENCES people(id)
    );
    CREATE INDEX comments_by_release ON comments (release_seq, created_at);

    CREATE TABLE revisions (
      id INTEGER PRIMARY KEY,
      release_seq INTEGER NOT NULL REFERENCES releases(seq),
      version INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('created', 'edit', 'state', 'restore')),
      status TEXT NOT NULL,
      content TEXT NOT NULL,
      word_count INTEGER NOT NULL,
      actor_id INTEGER NOT NULL REFERENCES people(id),
      started_at TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX revisions_by_release ON revisions (release_seq, id);

    CREATE TABLE audit (
      id INTEGER PRIMARY KEY,
      release_seq INTEGER REFERENCES releases(seq),
      actor_id INTEGER REFERENCES people(id),
      action TEXT NOT NULL,
      details TEXT NOT NULL DEFAULT '{}',
      at TEXT NOT NULL
    );
    CREATE INDEX audit_by_release ON audit (release_seq, id);
    CREATE INDEX audit_by_time ON audit (at);
    CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
  `);

  const existing = db.prepare(`SELECT seq, version, status, content, last_editor_id, created_at, updated_at FROM releases`).all() as {
    seq: number;
    version: number;
    status: string;
    content: string;
    last_editor_id: number;
    created_at: string;
    updated_at: string;
  }[];
  const insert = db.prepare(
    `INSERT INTO revisions (release_seq, version, kind, status, content, word_count, actor_id, started_at, recorded_at, note)
     VALUES (@seq, @version, 'created', @status, @content, @words, @last_editor_id, @created_at, @updated_at, 'History starts here (recorded when review arrived)')`,
  );
  for (const release of existing) {
    const words = countText(bodyPlainText((JSON.parse(release.content) as ReleaseContent).body)).words;
    insert.run({ ...release, words });
  }
}
