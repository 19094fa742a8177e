import type { Database } from 'better-sqlite3';
import { failWith } from '@shared/api/result';

/**
 * The row number that comments, revisions, approvals and audit entries point
 * at. Every store takes the public id and resolves it here, so the number never
 * leaves the store that needs it.
 */
export function releaseSeq(db: Database, releaseId: string): number {
  return (
    (db.prepare(`SELECT seq FROM releases WHERE id = ?`).pluck().get(releaseId) as number | undefined) ??
    failWith('not-found', 'That release no longer exists.')
  );
}
