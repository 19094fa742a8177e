import type { Database } from 'better-sqlite3';
import type { Release } from '@shared/api/releases';
import { failWith } from '@shared/api/result';
import type { ReleaseContent } from '@shared/release/content';
import { checkRelease } from '@shared/review/checklist';
import { decide, statusLabels, type ActionDetails, type Actor, type PersonAction } from '@shared/review/workflow';
import type { AuditLog } from './audit-log';
import type { CommentStore } from './comment-store';
import { hashContent } from './content-hash';
import type { ReleaseStore } from './release-store';
import type { RevisionLog } from './revision-log';

/**
 * Moves releases through review. Every request is checked against the shared
 * workflow here, in the main process, whatever the UI showed.
 */
export class ReviewStore {
  constructor(
    private readonly db: Database,
    private readonly releases: ReleaseStore,
    private readonly comments: CommentStore,
    private readonly revisions: RevisionLog,
    private readonly audit: AuditLog,
  ) {}

  transition(id: string, actor: Actor, action: PersonAction, baseVersion: number, details: ActionDetails): Release {
    this.db.transaction(() => {
      const row = this.releases.row(id);
      if (row.trashedAt) failWith('refused', 'This release is in the trash. Restore it first.');
      if (row.version !== baseVersion) {
        failWith('conflict', 'The release changed since you opened it. Look at the latest version, then try again.', {
          currentVersion: row.version,
        });
      }
      const content = JSON.parse(row.content) as ReleaseContent;
      const blocking = checkRelease(content).filter((item) => item.blocking);
      const decision = decide(
        {
          status: row.status,
          authorId: row.authorId,
          lastEditorId: row.lastEditorId,
          checklistPasses: blocking.length === 0,
          approvalCurrent: this.releases.currentApproval(row.seq, content) !== null,
        },
        actor,
        action,
        details,
      );
      if (!decision.allowed) {
        return failWith(
          'refused',
          action === 'submit' && blocking.length > 0
            ? `${decision.reason} ${blocking.map((item) => item.message).join(' ')}`
            : decision.reason,
        );
      }
      const at = new Date().toISOString();
      const version = this.releases.setStatus(row, decision.next, actor.id, at);
      if (action === 'approve') {
        this.db
          .prepare(`INSERT INTO approvals (release_seq, approver_id, content_hash, approved_at) VALUES (?, ?, ?, ?)`)
          .run(row.seq, actor.id, hashContent(content), at);
      }
      if (action === 'request-changes') this.comments.add(id, actor.id, { text: details.comment!.trim(), inline: false, quote: '' }, null);
      const note = [statusLabels[decision.next], details.comment?.trim(), details.reason?.trim()].filter(Boolean).join(': ');
      this.revisions.record('state', { releaseId: id, version, status: decision.next, content, actorId: actor.id, at }, note);
      this.audit.record(
        id,
        actor.id,
        action,
        {
          from: row.status,
          to: decision.next,
          ...(details.comment ? { comment: details.comment.trim() } : {}),
          ...(details.reason ? { reason: details.reason.trim() } : {}),
        },
        at,
      );
    })();
    return this.releases.get(id);
  }
}
