import type { Database } from 'better-sqlite3';
import { chainGenesis, chainHash } from '../history-chain';

/** The columns each table was chained over when this migration shipped; later columns are a later migration's to chain. */
const columnsAtVersion4 = {
  audit: ['id', 'release_seq', 'actor_id', 'action', 'details', 'at'],
  approvals: ['id', 'release_seq', 'approver_id', 'content_hash', 'approved_at', 'stale_at'],
  revisions: ['id', 'release_seq', 'version', 'kind', 'status', 'content', 'word_count', 'actor_id', 'started_at', 'recorded_at', 'note'],
} as const;

type Row = (string | number | null)[];

/**
 * Tamper-evident history (history-chain.ts): audit entries, approvals and
 * revisions get prev_hash and row_hash, amendments record the changes the app
 * makes to approvals and revisions, and history_heads keeps where each chain
 * ends. The rows already there are chained as they are, in id order, so an
 * upgraded database verifies clean; what happened to them before this version
 * cannot be told.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE audit ADD COLUMN prev_hash TEXT;
    ALTER TABLE audit ADD COLUMN row_hash TEXT;
    ALTER TABLE approvals ADD COLUMN prev_hash TEXT;
    ALTER TABLE approvals ADD COLUMN row_hash TEXT;
    ALTER TABLE revisions ADD COLUMN prev_hash TEXT;
    ALTER TABLE revisions ADD COLUMN row_hash TEXT;
    CREATE TABLE history_amendments (
      id INTEGER PRIMARY KEY,
      target TEXT NOT NULL CHECK (target IN ('approvals', 'revisions')),
      target_id INTEGER NOT NULL,
      digest TEXT NOT NULL CHECK (length(digest) = 64),
      at TEXT NOT NULL,
      prev_hash TEXT,
      row_hash TEXT
    );
    CREATE INDEX history_amendments_by_target ON history_amendments (target, target_id, id);
    CREATE TABLE history_heads (
      chain TEXT PRIMARY KEY,
      last_id INTEGER NOT NULL,
      last_hash TEXT NOT NULL
    );
    -- Speed bumps only (a trigger can be dropped); the chain is what shows tampering.
    CREATE TRIGGER history_amendments_are_append_only_update BEFORE UPDATE ON history_amendments BEGIN SELECT RAISE(ABORT, 'recorded changes are append-only'); END;
    CREATE TRIGGER history_amendments_are_append_only_delete BEFORE DELETE ON history_amendments BEGIN SELECT RAISE(ABORT, 'recorded changes are append-only'); END;
    CREATE TRIGGER approvals_are_never_deleted BEFORE DELETE ON approvals BEGIN SELECT RAISE(ABORT, 'approvals are never deleted'); END;
    CREATE TRIGGER revisions_are_never_deleted BEFORE DELETE ON revisions BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;
    -- The audit trail refuses every UPDATE, so it lets this one migration through by being recreated after it.
    DROP TRIGGER audit_is_append_only_update;
  `);
  for (const [chain, columns] of Object.entries(columnsAtVersion4) as [keyof typeof columnsAtVersion4, readonly string[]][]) {
    const seal = db.prepare(`UPDATE ${chain} SET prev_hash = ?, row_hash = ? WHERE id = ?`);
    // A page at a time: revisions hold whole releases, and all of them at once may not fit in memory.
    const page = db.prepare(`SELECT ${columns.join(', ')} FROM ${chain} WHERE id > ? ORDER BY id LIMIT 500`).raw();
    let previous = { id: 0, hash: chainGenesis };
    for (let rows = page.all(0) as Row[]; rows.length > 0; rows = page.all(previous.id) as Row[]) {
      for (const values of rows) {
        const hash = chainHash(chain, previous.hash, values);
        seal.run(previous.hash, hash, values[0]);
        previous = { id: values[0] as number, hash };
      }
    }
    db.prepare(`INSERT INTO history_heads (chain, last_id, last_hash) VALUES (?, ?, ?)`).run(chain, previous.id, previous.hash);
  }
  db.prepare(`INSERT INTO history_heads (chain, last_id, last_hash) VALUES ('history_amendments', 0, ?)`).run(chainGenesis);
  db.exec(
    `CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;`,
  );
}
