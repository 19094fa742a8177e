import type { Database } from 'better-sqlite3';
import type { Release } from '@shared/api/releases';
import { failWith } from '@shared/api/result';
import type { FileFormat } from '@shared/export/options';
import type { ReleaseContent } from '@shared/release/content';
import { checkRelease } from '@shared/review/checklist';
import {
  decide,
  editPermission,
  finalExport,
  statusAfterEdit,
  statusLabels,
  type ActionDetails,
  type Actor,
  type PersonAction,
  type ReleaseStatus,
  type WorkflowFacts,
} from '@shared/review/workflow';
import type { AuditLog } from './audit-log';
import type { CommentStore } from './comment-store';
import { hashContent } from './content-hash';
import { amendChained, appendToChain } from './history-chain';
import type { RevisionLog } from './revision-log';
import { writeTransaction } from './write-transaction';
import { readableContent } from './stored-content';

type Approval = Release['approval'];

/** What the workflow is asked about a release, read inside the transaction that acts on the answer. */
interface LifecycleRow {
  id: string;
  seq: number;
  version: number;
  status: ReleaseStatus;
  authorId: number;
  lastEditorId: number;
  content: string;
  trashedAt: string | null;
}

/** The state a person's action left the release in, and the version it wrote. */
export interface StateChange {
  status: ReleaseStatus;
  version: number;
}

/** A collaborative release's state as the team server has it, its people already found here by name. */
export interface ServerState {
  status: ReleaseStatus;
  changedAt: string;
  changedBy: number | null;
  approval: { approverId: number; contentSha256: string; approvedAt: string } | null;
}

/** The state a content change leaves the release in, and the approval it shows afterwards. */
export interface EditOutcome {
  status: ReleaseStatus;
  approval: Approval;
}

/**
 * The one owner of a release's state: the status, who changed it and when, and
 * the approvals are written nowhere else, and the approvals are read nowhere
 * else. Every change is asked of the shared workflow here, in the main process,
 * whatever the UI showed. Each method is its own transaction (a savepoint when
 * the caller is already in one), so no caller has to remember to open one.
 */
export class ReleaseLifecycle {
  constructor(
    private readonly db: Database,
    private readonly comments: CommentStore,
    private readonly revisions: RevisionLog,
    private readonly audit: AuditLog,
  ) {}

  /** A person's review action (submit, approve, request changes, recall, withdraw, reopen); a refusal writes nothing. */
  transition(id: string, actor: Actor, action: PersonAction, baseVersion: number, details: ActionDetails): StateChange {
    return writeTransaction(this.db, () => {
      const row = this.row(id);
      if (row.trashedAt) failWith('refused', 'This release is in the trash. Restore it first.');
      if (row.version !== baseVersion) {
        failWith('conflict', 'The release changed since you opened it. Look at the latest version, then try again.', {
          currentVersion: row.version,
        });
      }
      const content = readableContent(row.content);
      const blocking = checkRelease(content).filter((item) => item.blocking);
      const decision = decide(this.facts(row, content, blocking.length === 0), actor, action, details);
      if (!decision.allowed) {
        return failWith(
          'refused',
          action === 'submit' && blocking.length > 0
            ? `${decision.reason} ${blocking.map((item) => item.message).join(' ')}`
            : decision.reason,
        );
      }
      const at = new Date().toISOString();
      const note = [statusLabels[decision.next], details.comment?.trim(), details.reason?.trim()].filter(Boolean).join(': ');
      const version = this.changeStatus(row, decision.next, actor.id, at, content, note);
      if (action === 'approve') {
        appendToChain(this.db, 'approvals', {
          release_seq: row.seq,
          approver_id: actor.id,
          content_hash: hashContent(content),
          approved_at: at,
          stale_at: null,
        });
      }
      if (action === 'request-changes') this.comments.add(id, actor.id, { text: details.comment!.trim(), inline: false, quote: '' }, null);
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
      return { status: decision.next, version };
    });
  }

  /**
   * A change to the content by this person, asked before it is written: refused
   * when the workflow does not let them edit now. Changing an approved release's
   * content makes it a draft; changing it back to the approved content makes it
   * approved again (the workflow's statusAfterEdit). Either is noted in the
   * audit trail. The caller writes the content and its new version.
   */
  applyEdit(id: string, content: ReleaseContent, editorId: number, at: string, { alreadyAllowed = false } = {}): EditOutcome {
    return writeTransaction(this.db, () => {
      const row = this.row(id);
      const permission = editPermission(row, { id: editorId });
      if (!permission.allowed && !alreadyAllowed) failWith('refused', permission.reason);
      const status = statusAfterEdit(row.status, this.matchingApproval(row.seq, content) !== null);
      // The approval itself stays: it is bound to its content's hash, so putting that content back makes it current again.
      const approval = this.shownApproval(row.seq, status, content);
      if (status === row.status) return { status, approval };
      this.db
        .prepare(`UPDATE releases SET status = @status, status_changed_at = @at, status_changed_by = @editorId WHERE seq = @seq`)
        .run({ status, at, editorId, seq: row.seq });
      if (status === 'draft') this.audit.record(id, editorId, 'approval-lapsed', { reason: 'the text changed after approval' }, at);
      if (approval)
        this.audit.record(
          id,
          editorId,
          'approval-current-again',
          { approvedBy: approval.approverName, approvedAt: approval.approvedAt },
          at,
        );
      return { status, approval };
    });
  }

  /**
   * The team server's word on a collaborative release's state, taken as it is:
   * the server decided it for the person who acted, with its own checks, and
   * this copy follows. Recorded like any state change (a version, a revision,
   * an audit entry naming who acted there); the approval it shows is kept too,
   * so the editor says who approved. Returns whether anything changed.
   */
  adoptServerState(id: string, server: ServerState): boolean {
    return writeTransaction(this.db, () => {
      const row = this.row(id);
      let changed = false;
      if (row.status !== server.status) {
        const content = readableContent(row.content);
        const actorId = server.changedBy ?? row.lastEditorId;
        this.changeStatus(row, server.status, actorId, server.changedAt, content, `${statusLabels[server.status]} (on the team server)`);
        this.audit.record(id, actorId, 'team-state', { from: row.status, to: server.status }, server.changedAt);
        changed = true;
      }
      const approval = server.approval;
      if (approval && (server.status === 'approved' || server.status === 'released')) {
        const known = this.db
          .prepare(`SELECT 1 FROM approvals WHERE release_seq = ? AND content_hash = ? AND approved_at = ? AND stale_at IS NULL`)
          .get(row.seq, approval.contentSha256, approval.approvedAt);
        if (!known) {
          appendToChain(this.db, 'approvals', {
            release_seq: row.seq,
            approver_id: approval.approverId,
            content_hash: approval.contentSha256,
            approved_at: approval.approvedAt,
            stale_at: null,
          });
          changed = true;
        }
      }
      return changed;
    });
  }

  /** Why this person may not change the release's content now, or null when they may. */
  editRefusal(id: string, personId: number): string | null {
    const row = this.row(id);
    if (row.trashedAt) return 'This release is in the trash. Restore it to go on editing.';
    const permission = editPermission(row, { id: personId });
    return permission.allowed ? null : permission.reason;
  }

  /** The approval the release shows with this content: only while it is approved or released, and the approval is current. */
  currentApproval(id: string, content: ReleaseContent): Approval {
    const { seq, status } =
      (this.db.prepare(`SELECT seq, status FROM releases WHERE id = ?`).get(id) as Pick<LifecycleRow, 'seq' | 'status'> | undefined) ??
      failWith('not-found', 'That release no longer exists.');
    return this.shownApproval(seq, status, content);
  }

  /**
   * A final export has been written or handed over. The workflow is asked again
   * (a PDF prints asynchronously, and the approval may have lapsed meanwhile):
   * releasing an approved release is its 'release' action; a released release
   * exported again stays Released while its approval is current.
   */
  releaseByFinalExport(id: string, actor: Actor, format: FileFormat, at: string): void {
    writeTransaction(this.db, () => {
      const { row, content, decision } = this.finalExportDecision(id, actor);
      if (!decision.allowed) return failWith('refused', decision.reason);
      if (decision.next !== row.status)
        this.changeStatus(row, decision.next, actor.id, at, content, `${statusLabels[decision.next]}: exported as ${format}`);
    });
  }

  /**
   * Asked before a final file made from `version` is written: the same decision
   * releaseByFinalExport takes, and the release must still be that version (it
   * may have been edited and approved again while a PDF printed), writing nothing.
   */
  refuseUnlessFinal(id: string, actor: Actor, version: number): void {
    const { row, decision } = this.finalExportDecision(id, actor);
    if (!decision.allowed) failWith('refused', `${decision.reason} No final file was written; export it as a draft, or approve it again.`);
    if (row.version !== version)
      failWith('conflict', 'The release changed while the file was being made; no final file was written. Export it again.');
  }

  private finalExportDecision(id: string, actor: Actor) {
    const row = this.row(id);
    const content = readableContent(row.content);
    const facts = this.facts(
      row,
      content,
      checkRelease(content).every((item) => !item.blocking),
    );
    return { row, content, decision: row.status === 'released' ? finalExport(facts) : decide(facts, actor, 'release') };
  }

  private row(id: string): LifecycleRow {
    return (
      (this.db
        .prepare(
          `SELECT id, seq, version, status, author_id AS authorId, last_editor_id AS lastEditorId, content, trashed_at AS trashedAt
           FROM releases WHERE id = ?`,
        )
        .get(id) as LifecycleRow | undefined) ?? failWith('not-found', 'That release no longer exists.')
    );
  }

  private facts(row: LifecycleRow, content: ReleaseContent, checklistPasses: boolean): WorkflowFacts {
    return {
      status: row.status,
      authorId: row.authorId,
      lastEditorId: row.lastEditorId,
      checklistPasses,
      approvalCurrent: this.matchingApproval(row.seq, content) !== null,
    };
  }

  /** A state change is a new version, with who made it and when, and a revision of the content as it stood. */
  private changeStatus(
    row: LifecycleRow,
    status: ReleaseStatus,
    actorId: number,
    at: string,
    content: ReleaseContent,
    note: string,
  ): number {
    const version = row.version + 1;
    this.db
      .prepare(
        `UPDATE releases SET status = @status, version = @version, updated_at = @at, status_changed_at = @at, status_changed_by = @actorId
         WHERE seq = @seq`,
      )
      .run({ status, version, at, actorId, seq: row.seq });
    // Any other state sets earlier approvals aside for good: from there, only a new approval counts.
    if (status !== 'approved' && status !== 'released') {
      const current = this.db
        .prepare(`SELECT id FROM approvals WHERE release_seq = ? AND stale_at IS NULL`)
        .pluck()
        .all(row.seq) as number[];
      for (const approvalId of current) amendChained(this.db, 'approvals', approvalId, { stale_at: at }, at);
    }
    this.revisions.record('state', { releaseId: row.id, version, status, content, actorId, at }, note);
    return version;
  }

  /** An approval is shown only on an approved or released release, and only while it is current. */
  private shownApproval(seq: number, status: ReleaseStatus, content: ReleaseContent): Approval {
    return status === 'approved' || status === 'released' ? this.matchingApproval(seq, content) : null;
  }

  /** The latest approval no state change has set aside, only while the content hashes to what was approved. */
  private matchingApproval(seq: number, content: ReleaseContent): Approval {
    const approval = this.db
      .prepare(
        `SELECT a.content_hash AS hash, p.name AS approverName, a.approved_at AS approvedAt
         FROM approvals a JOIN people p ON p.id = a.approver_id WHERE a.release_seq = ? AND a.stale_at IS NULL ORDER BY a.id DESC LIMIT 1`,
      )
      .get(seq) as { hash: string; approverName: string; approvedAt: string } | undefined;
    return approval && approval.hash === hashContent(content)
      ? { approverName: approval.approverName, approvedAt: approval.approvedAt }
      : null;
  }
}
