import type { Database } from 'better-sqlite3';

/** People, photos, releases and the full-text index over them. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE people (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      created_at TEXT NOT NULL
    );
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE photos (
      id TEXT PRIMARY KEY CHECK (length(id) = 64),
      mime TEXT NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      byte_size INTEGER NOT NULL,
      bytes BLOB NOT NULL,
      created_at TEXT NOT NULL
    );
    -- seq is the rowid the search index points at; an explicit INTEGER PRIMARY KEY
    -- keeps it stable across VACUUM, which an implicit rowid is not.
    CREATE TABLE releases (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      content TEXT NOT NULL,
      headline TEXT NOT NULL,
      dateline_date TEXT NOT NULL,
      language TEXT NOT NULL,
      author_id INTEGER NOT NULL REFERENCES people(id),
      last_editor_id INTEGER NOT NULL REFERENCES people(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      trashed_at TEXT
    );
    CREATE INDEX releases_newest_first ON releases (trashed_at IS NULL, updated_at DESC);
    CREATE TABLE release_photos (
      release_seq INTEGER NOT NULL REFERENCES releases(seq) ON DELETE CASCADE,
      photo_id TEXT NOT NULL REFERENCES photos(id),
      PRIMARY KEY (release_seq, photo_id)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE release_search USING fts5(
      headline, subheadline, body, captions,
      tokenize = 'unicode61 remove_diacritics 2'
    );
  `);
}
