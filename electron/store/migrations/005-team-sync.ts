import type { Database } from 'better-sqlite3';

/**
 * Team sync. release_updates is a collaborative release's Yjs document as the
 * updates that built it (a release is collaborative exactly when it has rows
 * here); acknowledged marks those the team server holds too, so what still has
 * to go out survives a restart offline. team_commands is the queue of workflow
 * actions and comments made offline, replayed in order; team_approvals keeps
 * the latest approval the server signed for each release, which a final export
 * checks against the server's key; team_registrations records which releases
 * the server knows, so registering happens once.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE release_updates (
      seq INTEGER PRIMARY KEY,
      release_id TEXT NOT NULL REFERENCES releases(id),
      "update" BLOB NOT NULL,
      acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1))
    );
    CREATE INDEX release_updates_by_release ON release_updates (release_id, acknowledged, seq);

    CREATE TABLE team_commands (
      seq INTEGER PRIMARY KEY,
      command_id TEXT NOT NULL UNIQUE,
      release_id TEXT,
      method TEXT NOT NULL CHECK (method IN ('teamReleaseAction', 'teamReleaseExported', 'teamAddComment', 'teamChangeComment')),
      input TEXT NOT NULL,
      actor_id INTEGER NOT NULL REFERENCES people(id),
      queued_at TEXT NOT NULL
    );

    CREATE TABLE team_approvals (
      release_id TEXT PRIMARY KEY REFERENCES releases(id),
      approval TEXT NOT NULL,
      received_at TEXT NOT NULL
    );

    CREATE TABLE team_registrations (
      release_id TEXT PRIMARY KEY REFERENCES releases(id),
      server TEXT NOT NULL,
      registered_at TEXT NOT NULL
    );
  `);
}
