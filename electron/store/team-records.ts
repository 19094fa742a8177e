import type { Database } from 'better-sqlite3';
import type { teamReleaseMethods } from '@shared/api/team-releases';
import { signedApprovalSchema, type SignedApproval } from '@shared/api/team-releases';
import type { z } from 'zod';
import { writeTransaction } from './write-transaction';

/**
 * What this desktop keeps of the team server's word: which releases the
 * server knows (registered once), and the latest approval it signed for each,
 * which a final export verifies against the key pinned at sign-in. A row here
 * proves nothing by itself: anyone can write to this file, but nobody without
 * the server's private key can make a signature that verifies.
 */
/** The calls that may wait offline, each with the input it will be sent with. */
type QueuedMethod = 'teamReleaseAction' | 'teamReleaseExported' | 'teamAddComment' | 'teamChangeComment';
export type QueuedCommand = {
  [M in QueuedMethod]: { method: M; input: z.input<(typeof teamReleaseMethods)[M]['input']> };
}[QueuedMethod];

export interface PendingCommand {
  seq: number;
  commandId: string;
  releaseId: string | null;
  actorId: number;
  command: QueuedCommand;
}

export class TeamRecords {
  constructor(private readonly db: Database) {}

  isRegistered(releaseId: string, server: string): boolean {
    return this.db.prepare(`SELECT 1 FROM team_registrations WHERE release_id = ? AND server = ?`).get(releaseId, server) !== undefined;
  }

  recordRegistration(releaseId: string, server: string): void {
    this.db
      .prepare(
        `INSERT INTO team_registrations (release_id, server, registered_at) VALUES (?, ?, ?)
         ON CONFLICT (release_id) DO UPDATE SET server = excluded.server, registered_at = excluded.registered_at`,
      )
      .run(releaseId, server, new Date().toISOString());
  }

  /** Kept until the server has answered it; replayed in the order queued. */
  enqueue(releaseId: string | null, actorId: number, command: QueuedCommand): void {
    this.db
      .prepare(`INSERT INTO team_commands (command_id, release_id, method, input, actor_id, queued_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(command.input.commandId, releaseId, command.method, JSON.stringify(command.input), actorId, new Date().toISOString());
  }

  pendingCommands(): PendingCommand[] {
    const rows = this.db
      .prepare(
        `SELECT seq, command_id AS commandId, release_id AS releaseId, method, input, actor_id AS actorId FROM team_commands ORDER BY seq`,
      )
      .all() as {
      seq: number;
      commandId: string;
      releaseId: string | null;
      method: QueuedCommand['method'];
      input: string;
      actorId: number;
    }[];
    return rows.map(({ method, input, ...row }) => ({ ...row, command: { method, input: JSON.parse(input) } as QueuedCommand }));
  }

  /** Whether a review action on this release waits to be replayed: until it is, the server's older state is not taken over it. */
  hasPendingAction(releaseId: string): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM team_commands WHERE release_id = ? AND method IN ('teamReleaseAction', 'teamReleaseExported')`)
        .get(releaseId) !== undefined
    );
  }

  pendingCommandCount(): number {
    return this.db.prepare(`SELECT count(*) FROM team_commands`).pluck().get() as number;
  }

  /** The server answered it (done, or refused for good). */
  settle(commandId: string): void {
    this.db.prepare(`DELETE FROM team_commands WHERE command_id = ?`).run(commandId);
  }

  keepApproval(approval: SignedApproval): void {
    writeTransaction(this.db, () =>
      this.db
        .prepare(
          `INSERT INTO team_approvals (release_id, approval, received_at) VALUES (?, ?, ?)
           ON CONFLICT (release_id) DO UPDATE SET approval = excluded.approval, received_at = excluded.received_at`,
        )
        .run(approval.releaseId, JSON.stringify(approval), new Date().toISOString()),
    );
  }

  /** The kept approval, or null when there is none or it no longer reads as one. */
  approval(releaseId: string): SignedApproval | null {
    const text = this.db.prepare(`SELECT approval FROM team_approvals WHERE release_id = ?`).pluck().get(releaseId) as string | undefined;
    if (text === undefined) return null;
    try {
      const parsed = signedApprovalSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
