import type { Database } from 'better-sqlite3';
import * as Y from 'yjs';
import { writeTransaction } from './write-transaction';

/** Past this many acknowledged rows a release's log is merged into one row, so opening it stays quick. */
export const compactAfterRows = 300;

export interface LoggedUpdate {
  seq: number;
  update: Uint8Array;
}

/**
 * Each collaborative release's Yjs document, kept as the updates that made it.
 * An update is written here before anyone is told it was saved; the ones the
 * team server has not confirmed (acknowledged = 0) are what still has to go
 * out, and they are never merged away, so they can be counted and sent again
 * after a crash.
 */
export class ReleaseUpdateLog {
  constructor(private readonly db: Database) {}

  /** Runs writes to the log and the release store as one transaction: a release and the birth of its document, say. */
  atomically<T>(write: () => T): T {
    return writeTransaction(this.db, write);
  }

  isCollaborative(releaseId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM release_updates WHERE release_id = ? LIMIT 1`).get(releaseId) !== undefined;
  }

  collaborativeReleaseIds(): string[] {
    return this.db.prepare(`SELECT DISTINCT release_id FROM release_updates`).pluck().all() as string[];
  }

  /** Returns the row's seq, which acknowledge() takes to confirm everything up to it. */
  append(releaseId: string, update: Uint8Array, acknowledged: boolean): number {
    return writeTransaction(this.db, () => {
      const { lastInsertRowid } = this.db
        .prepare(`INSERT INTO release_updates (release_id, "update", acknowledged) VALUES (?, ?, ?)`)
        .run(releaseId, update, acknowledged ? 1 : 0);
      if (acknowledged) this.compactIfLong(releaseId);
      return Number(lastInsertRowid);
    });
  }

  all(releaseId: string): LoggedUpdate[] {
    return this.rows(`SELECT seq, "update" FROM release_updates WHERE release_id = ? ORDER BY seq`, releaseId);
  }

  unacknowledged(releaseId: string): LoggedUpdate[] {
    return this.rows(`SELECT seq, "update" FROM release_updates WHERE release_id = ? AND acknowledged = 0 ORDER BY seq`, releaseId);
  }

  unacknowledgedCount(releaseId?: string): number {
    return (
      releaseId === undefined
        ? this.db.prepare(`SELECT count(*) FROM release_updates WHERE acknowledged = 0`).pluck().get()
        : this.db.prepare(`SELECT count(*) FROM release_updates WHERE release_id = ? AND acknowledged = 0`).pluck().get(releaseId)
    ) as number;
  }

  releasesWithUnacknowledged(): string[] {
    return this.db.prepare(`SELECT DISTINCT release_id FROM release_updates WHERE acknowledged = 0`).pluck().all() as string[];
  }

  /** The server holds everything this release logged up to and including throughSeq. */
  acknowledge(releaseId: string, throughSeq: number): void {
    writeTransaction(this.db, () => {
      this.db
        .prepare(`UPDATE release_updates SET acknowledged = 1 WHERE release_id = ? AND seq <= ? AND acknowledged = 0`)
        .run(releaseId, throughSeq);
      this.compactIfLong(releaseId);
    });
  }

  /** Drops what the server never took, once it has been kept elsewhere (a copy of the release). */
  discardUnacknowledged(releaseId: string): void {
    this.db.prepare(`DELETE FROM release_updates WHERE release_id = ? AND acknowledged = 0`).run(releaseId);
  }

  lastSeq(releaseId: string): number {
    return (this.db.prepare(`SELECT max(seq) FROM release_updates WHERE release_id = ?`).pluck().get(releaseId) as number | null) ?? 0;
  }

  /** Yjs updates commute, so the merged row may take the place of the earliest it replaces. */
  private compactIfLong(releaseId: string): void {
    const acknowledged = this.rows(
      `SELECT seq, "update" FROM release_updates WHERE release_id = ? AND acknowledged = 1 ORDER BY seq`,
      releaseId,
    );
    if (acknowledged.length <= compactAfterRows) return;
    const merged = Y.mergeUpdates(acknowledged.map((row) => row.update));
    this.db.prepare(`DELETE FROM release_updates WHERE release_id = ? AND acknowledged = 1`).run(releaseId);
    this.db
      .prepare(`INSERT INTO release_updates (seq, release_id, "update", acknowledged) VALUES (?, ?, ?, 1)`)
      .run(acknowledged[0]!.seq, releaseId, merged);
  }

  private rows(sql: string, releaseId: string): LoggedUpdate[] {
    return (this.db.prepare(sql).all(releaseId) as { seq: number; update: Buffer }[]).map((row) => ({
      seq: row.seq,
      update: new Uint8Array(row.update.buffer, row.update.byteOffset, row.update.byteLength),
    }));
  }
}
