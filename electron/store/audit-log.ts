import type { Database } from 'better-sqlite3';
import type { ActivityAction, ActivityEntry, ActivityFilter } from '@shared/api/activity';
import { appendToChain } from './history-chain';
import { releaseSeq } from './release-seq';
import { writeTransaction } from './write-transaction';

/** The append-only record of who did what; SQLite triggers refuse any UPDATE or DELETE of it, and its hash chain shows one made anyway. */
export class AuditLog {
  constructor(private readonly db: Database) {}

  /** The action is one the Activity view has words for: a typo here is a type error, not an unlabelled row. */
  record(
    releaseId: string,
    actorId: number | null,
    action: ActivityAction,
    details: Record<string, unknown> = {},
    at = new Date().toISOString(),
  ): void {
    // Its own transaction when the action is only recorded (a copy, a print); a savepoint inside the write it records.
    writeTransaction(this.db, () =>
      appendToChain(this.db, 'audit', {
        release_seq: releaseSeq(this.db, releaseId),
        actor_id: actorId,
        action,
        details: JSON.stringify(details),
        at,
      }),
    );
  }

  list(filter: ActivityFilter): ActivityEntry[] {
    // Dates are whole local days chosen in a date picker; the caller sends their bounds as instants.
    const clauses = (
      [
        ['releaseId', 'r.id = @releaseId'],
        ['personId', 'a.actor_id = @personId'],
        ['action', 'a.action = @action'],
        ['from', 'a.at >= @from'],
        ['until', 'a.at < @until'],
      ] as const
    ).filter(([key]) => filter[key] !== undefined);
    const rows = this.db
      .prepare(
        `SELECT a.id, a.at, a.action, a.details, p.name AS actorName, r.id AS releaseId, r.headline AS releaseHeadline
         FROM audit a LEFT JOIN people p ON p.id = a.actor_id LEFT JOIN releases r ON r.seq = a.release_seq
         ${clauses.length ? `WHERE ${clauses.map(([, sql]) => sql).join(' AND ')}` : ''}
         ORDER BY a.id DESC LIMIT 1000`,
      )
      .all(Object.fromEntries(clauses.map(([key]) => [key, filter[key]]))) as (Omit<ActivityEntry, 'details'> & { details: string })[];
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  }
}
