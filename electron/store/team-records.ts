import type { Database } from 'better-sqlite3';
import { signedApprovalSchema, type SignedApproval } from '@shared/api/team-releases';
import { writeTransaction } from './write-transaction';

/**
 * What this desktop keeps of the team server's word: which releases the
 * server knows (registered once), and the latest approval it signed for each,
 * which a final export verifies against the key pinned at sign-in. A row here
 * proves nothing by itself: anyone can write to this file, but nobody without
 * the server's private key can make a signature that verifies.
 */
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
