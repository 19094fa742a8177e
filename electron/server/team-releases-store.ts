import { createHash, randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import type { Comment } from '@shared/api/comments';
import { failWith } from '@shared/api/result';
import type { SignedApproval, TeamRelease } from '@shared/api/team-releases';
import { photoRefusal, sniffPhoto } from '@shared/photo/sniff';
import { checkRelease } from '@shared/review/checklist';
import {
  decide,
  editPermission,
  finalExport,
  statusAfterEdit,
  type EditPermission,
  type PersonAction,
  type ReleaseStatus,
} from '@shared/review/workflow';
import { log } from '../log/log';
import { writeTransaction } from '../store/write-transaction';
import type { ApprovalSigner } from './approval-signature';
import { CommandLog } from './command-log';
import { documentFacts, emptyDocumentFacts, type DocumentFacts } from './release-documents';
import type { Caller, TeamStore } from './team-store';

/**
 * How long the server waits after the last edit to read a release's headline
 * and hash off its document again, and at most after the first: hashing a
 * 50,000-word release takes milliseconds, too long for every keystroke.
 */
const derivationDelayMs = 1000;
const maxDerivationDelayMs = 10_000;

interface ReleaseRow {
  id: string;
  status: ReleaseStatus;
  authorId: number;
  authorName: string;
  headline: string;
  contentSha256: string;
  lastEditorId: number;
  updatedAt: string;
  statusChangedAt: string | null;
  statusChangedByName: string | null;
}

export interface ReleaseActionInput {
  commandId: string;
  id: string;
  action: PersonAction;
  contentSha256: string;
  comment?: string;
  reason?: string;
}

const releaseColumns = `r.id, r.status, r.author_id AS authorId, author.name AS authorName, r.headline, r.content_sha256 AS contentSha256,
  r.last_editor_id AS lastEditorId, r.updated_at AS updatedAt, r.status_changed_at AS statusChangedAt, changer.name AS statusChangedByName
  FROM team_releases r JOIN people author ON author.id = r.author_id LEFT JOIN people changer ON changer.id = r.status_changed_by`;

const wordsArrived =
  'Words arrived on the server since you looked at this release, so nothing was changed. Look at the latest text, then try again.';

/**
 * The team's releases as the server keeps them: their workflow state, who
 * edited them since a reviewer last looked, signed approvals, comments and
 * photos. Every decision is the shared workflow's (workflow.ts), asked with
 * the server's facts: the content is read off the server's own copy of the
 * document at the moment of the action, never taken from the client.
 */
export class TeamReleases {
  private readonly commands: CommandLog;
  /** Releases edited since their headline and hash were last read off the document, with when the last edit arrived. */
  private readonly stale = new Map<string, { since: Date; noted: Set<number>; timer: NodeJS.Timeout }>();
  private readonly statusListeners: ((releaseId: string) => void)[] = [];

  constructor(
    private readonly team: TeamStore,
    private readonly signer: ApprovalSigner,
    /** The release's document as this server has it now: the one open for syncing, or the stored one. */
    private readonly currentDocument: (releaseId: string) => Y.Doc,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.commands = new CommandLog(team.db, now);
  }

  private get db() {
    return this.team.db;
  }

  /** Called after a release's state changed, so open sync connections can follow who may now edit it. */
  onStatusChange(listener: (releaseId: string) => void): void {
    this.statusListeners.push(listener);
  }

  close(): void {
    for (const [releaseId, { timer }] of this.stale) {
      clearTimeout(timer);
      this.refresh(releaseId);
    }
  }

  exists(releaseId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM team_releases WHERE id = ?`).get(releaseId) !== undefined;
  }

  /** Whether this person may change the release's words now, as the workflow says with the server's state. */
  editPermission(releaseId: string, personId: number): EditPermission {
    const row = this.db.prepare(`SELECT status, author_id AS authorId FROM team_releases WHERE id = ?`).get(releaseId) as
      { status: ReleaseStatus; authorId: number } | undefined;
    return row ? editPermission(row, { id: personId }) : { allowed: false, reason: 'The team server has no such release.' };
  }

  register(caller: Caller, commandId: string, id: string): TeamRelease {
    return this.commands.once(caller, commandId, 'registerRelease', () => {
      const authorId = this.db.prepare(`SELECT author_id FROM team_releases WHERE id = ?`).pluck().get(id) as number | undefined;
      if (authorId !== undefined && authorId !== caller.person.id)
        failWith('conflict', 'Another person has already put a release with this id on the team server; nothing was changed.');
      if (authorId === undefined) {
        const at = this.now().toISOString();
        const empty = emptyDocumentFacts();
        this.db
          .prepare(
            `INSERT INTO team_releases (id, author_id, headline, content_sha256, last_editor_id, created_at, updated_at)
             VALUES (@id, @authorId, @headline, @hash, @authorId, @at, @at)`,
          )
          .run({ id, authorId: caller.person.id, headline: empty.headline, hash: empty.contentSha256, at });
        this.team.audit(caller.person.id, 'register-release', { releaseId: id });
      }
      return this.release(id);
    });
  }

  list(view: 'active' | 'review'): TeamRelease[] {
    for (const releaseId of [...this.stale.keys()]) this.refresh(releaseId);
    const ids = this.db
      .prepare(
        view === 'review'
          ? `SELECT id FROM team_releases WHERE status = 'in-review' ORDER BY submitted_at, id`
          : `SELECT id FROM team_releases WHERE status != 'withdrawn' ORDER BY updated_at DESC, id`,
      )
      .pluck()
      .all() as string[];
    return ids.map((id) => this.release(id));
  }

  get(id: string): TeamRelease {
    if (this.stale.has(id)) this.refresh(id);
    return this.release(id);
  }

  /**
   * A person's workflow action. The content they saw (contentSha256) must be
   * the server's content now; the workflow decides the rest, and on top of it
   * nobody whose edits reached the server since a reviewer last looked may
   * approve. A refusal changes nothing.
   */
  act(caller: Caller, input: ReleaseActionInput): TeamRelease {
    // Read before the action's transaction, and nothing runs in between: the document cannot change meanwhile.
    const facts = this.refresh(input.id);
    return this.commands.once(caller, input.commandId, 'teamReleaseAction', () => {
      const row = this.row(input.id);
      if (input.contentSha256 !== facts.contentSha256) failWith('refused', wordsArrived);
      if (facts.problem && (input.action === 'submit' || input.action === 'approve')) failWith('refused', facts.problem);
      // Content the schema refuses is never checked (the checklist expects valid content); submit and approve were refused above.
      const blocking = facts.problem ? [] : checkRelease(facts.content).filter((item) => item.blocking);
      const actor = { id: caller.person.id, role: caller.person.role };
      const decision = decide(
        {
          status: row.status,
          authorId: row.authorId,
          lastEditorId: row.lastEditorId,
          approvalCurrent: this.matchingApproval(row.id, facts.contentSha256) !== null,
          checklistPasses: blocking.length === 0,
        },
        actor,
        input.action,
        { comment: input.comment, reason: input.reason },
      );
      if (!decision.allowed)
        return failWith(
          'refused',
          input.action === 'submit' && blocking.length > 0
            ? `${decision.reason} ${blocking.map((item) => item.message).join(' ')}`
            : decision.reason,
        );
      if (input.action === 'approve' && this.contributors(row.id).includes(caller.person.id))
        failWith(
          'refused',
          'You changed this release since a reviewer last looked at it, so someone else must approve it (a second pair of eyes).',
        );

      const at = this.now().toISOString();
      this.db
        .prepare(
          `UPDATE team_releases SET status = @status, status_changed_at = @at, status_changed_by = @actorId,
             submitted_at = CASE WHEN @submitted THEN @at ELSE submitted_at END WHERE id = @id`,
        )
        .run({ id: row.id, status: decision.next, at, actorId: caller.person.id, submitted: input.action === 'submit' ? 1 : 0 });
      // Any other state sets earlier approvals aside for good: from there, only a new approval counts.
      if (decision.next !== 'approved' && decision.next !== 'released')
        this.db.prepare(`UPDATE approvals SET set_aside_at = ? WHERE release_id = ? AND set_aside_at IS NULL`).run(at, row.id);
      if (input.action === 'approve') this.approve(row.id, caller, facts.contentSha256, at);
      if (input.action === 'request-changes')
        this.insertComment(row.id, caller, { id: randomUUID(), text: input.comment!.trim(), inline: false, quote: '' }, at);
      // A reviewer has looked at everything up to here: later edits are what the next reviewer must not have made.
      if (input.action === 'approve' || input.action === 'request-changes')
        this.db.prepare(`DELETE FROM release_contributors WHERE release_id = ?`).run(row.id);
      this.team.audit(caller.person.id, input.action, {
        releaseId: row.id,
        from: row.status,
        to: decision.next,
        contentSha256: facts.contentSha256,
        ...(input.comment?.trim() ? { comment: input.comment.trim() } : {}),
        ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
      });
      this.statusChanged(row.id);
      return this.release(row.id);
    });
  }

  /** A final export of exactly the approved content was written: the release is Released. */
  exported(caller: Caller, commandId: string, id: string, contentSha256: string): TeamRelease {
    const facts = this.refresh(id);
    return this.commands.once(caller, commandId, 'teamReleaseExported', () => {
      const row = this.row(id);
      if (contentSha256 !== facts.contentSha256) failWith('refused', wordsArrived);
      const workflowFacts = {
        status: row.status,
        authorId: row.authorId,
        lastEditorId: row.lastEditorId,
        approvalCurrent: this.matchingApproval(id, facts.contentSha256) !== null,
        checklistPasses: true,
      };
      // Exporting a released release again is final too while its approval is current, and keeps it Released.
      const decision =
        row.status === 'released'
          ? finalExport(workflowFacts)
          : decide(workflowFacts, { id: caller.person.id, role: caller.person.role }, 'release');
      if (!decision.allowed) return failWith('refused', decision.reason);
      const at = this.now().toISOString();
      if (row.status !== 'released') {
        this.db
          .prepare(`UPDATE team_releases SET status = 'released', status_changed_at = ?, status_changed_by = ? WHERE id = ?`)
          .run(at, caller.person.id, id);
        this.statusChanged(id);
      }
      this.team.audit(caller.person.id, 'release', { releaseId: id, from: row.status, to: 'released', contentSha256 });
      return this.release(id);
    });
  }

  /**
   * An edit from this person reached the server's document. The headline, the
   * hash, who changed the content and the state that follows are read off the
   * document once typing pauses, or at once when someone asks or acts. Only an
   * edit that changes the content counts against approving: an inline
   * comment's anchor is an edit of the document, but not of what is approved.
   *
   * The editor is written down in the database at their first edit since the
   * last reading (not at every keystroke), so whichever process reads the
   * document next, this one or another sharing the database, counts them.
   */
  noteEdit(releaseId: string, personId: number): void {
    const pending = this.stale.get(releaseId);
    const now = this.now();
    const since = pending?.since ?? now;
    // Typing that never pauses still brings the list up to date every so often.
    const delay = Math.max(0, Math.min(derivationDelayMs, since.getTime() + maxDerivationDelayMs - now.getTime()));
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      try {
        this.refresh(releaseId);
      } catch (error) {
        log.error('The team server could not read a release off its document', error);
      }
    }, delay);
    timer.unref();
    const noted = pending?.noted ?? new Set<number>();
    if (!noted.has(personId)) {
      writeTransaction(this.db, () =>
        this.db
          .prepare(
            `INSERT INTO release_pending_editors (release_id, person_id, last_edit_at) VALUES (?, ?, ?)
               ON CONFLICT DO UPDATE SET last_edit_at = excluded.last_edit_at`,
          )
          .run(releaseId, personId, now.toISOString()),
      );
      noted.add(personId);
    }
    this.stale.set(releaseId, { since, noted, timer });
  }

  /**
   * Reads the document again and brings the release up to date, in a
   * transaction of its own (an action refused afterwards must not take the
   * record of who edited with it): the headline and hash; who changed the
   * content since a reviewer last looked (everyone written down as editing
   * since the stored hash was read, by any process); and the state, since an
   * edit makes an approved release a draft and editing it back to the approved
   * words makes it approved again (statusAfterEdit).
   */
  refresh(releaseId: string): DocumentFacts {
    const pending = this.stale.get(releaseId);
    if (pending) clearTimeout(pending.timer);
    this.stale.delete(releaseId);
    const facts = documentFacts(this.currentDocument(releaseId));
    writeTransaction(this.db, () => {
      const row = this.row(releaseId);
      const editors = this.db
        .prepare(`SELECT person_id AS personId, last_edit_at AS at FROM release_pending_editors WHERE release_id = ? ORDER BY last_edit_at`)
        .all(releaseId) as { personId: number; at: string }[];
      this.db.prepare(`DELETE FROM release_pending_editors WHERE release_id = ?`).run(releaseId);
      const contentChanged = facts.contentSha256 !== row.contentSha256;
      const lastEditorId = contentChanged && editors.length > 0 ? editors.at(-1)!.personId : row.lastEditorId;
      if (contentChanged && editors.length > 0) {
        const contributor = this.db.prepare(
          `INSERT INTO release_contributors (release_id, person_id, first_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
        );
        for (const { personId, at } of editors) contributor.run(releaseId, personId, at);
        this.db.prepare(`UPDATE team_releases SET last_editor_id = ? WHERE id = ?`).run(lastEditorId, releaseId);
      }
      if (row.contentSha256 === facts.contentSha256 && row.headline === facts.headline) return;
      const at = editors.at(-1)?.at ?? this.now().toISOString();
      const status = statusAfterEdit(row.status, this.matchingApproval(releaseId, facts.contentSha256, false) !== null);
      this.db
        .prepare(
          `UPDATE team_releases SET headline = @headline, content_sha256 = @hash, updated_at = @at,
             status = @status, status_changed_at = CASE WHEN @status != status THEN @at ELSE status_changed_at END,
             status_changed_by = CASE WHEN @status != status THEN @lastEditorId ELSE status_changed_by END
           WHERE id = @id`,
        )
        .run({ id: releaseId, headline: facts.headline, hash: facts.contentSha256, at, status, lastEditorId });
      if (status === row.status) return;
      if (status === 'draft') this.team.audit(lastEditorId, 'approval-lapsed', { releaseId, reason: 'the text changed after approval' });
      else this.team.audit(lastEditorId, 'approval-current-again', { releaseId, contentSha256: facts.contentSha256 });
      this.statusChanged(releaseId);
    });
    return facts;
  }

  comments(releaseId: string): Comment[] {
    this.row(releaseId);
    const rows = this.db
      .prepare(
        `SELECT c.id, c.body AS text, c.inline, c.quote, c.author_id AS authorId, p.name AS authorName, c.created_at AS createdAt,
                c.edited_at AS editedAt, c.resolved_at AS resolvedAt, resolver.name AS resolvedByName
         FROM team_comments c JOIN people p ON p.id = c.author_id LEFT JOIN people resolver ON resolver.id = c.resolved_by
         WHERE c.release_id = ? AND c.deleted_at IS NULL ORDER BY c.created_at, c.rowid`,
      )
      .all(releaseId) as (Omit<Comment, 'inline'> & { inline: number })[];
    return rows.map((row) => ({ ...row, inline: row.inline === 1 }));
  }

  addComment(
    caller: Caller,
    input: { commandId: string; releaseId: string; id: string; text: string; inline: boolean; quote: string },
  ): Comment {
    return this.commands.once(caller, input.commandId, 'teamAddComment', () => {
      this.row(input.releaseId);
      this.insertComment(input.releaseId, caller, input, this.now().toISOString());
      return this.comments(input.releaseId).find((comment) => comment.id === input.id)!;
    });
  }

  /** Only its author edits or deletes a comment; a reviewer or the release's author resolves or reopens it. */
  changeComment(
    caller: Caller,
    commandId: string,
    id: string,
    change: { kind: 'edit'; text: string } | { kind: 'delete' } | { kind: 'resolve'; resolved: boolean },
  ): Record<string, never> {
    return this.commands.once(caller, commandId, 'teamChangeComment', () => {
      const comment = this.db
        .prepare(
          `SELECT c.author_id AS authorId, r.author_id AS releaseAuthorId FROM team_comments c JOIN team_releases r ON r.id = c.release_id
           WHERE c.id = ? AND c.deleted_at IS NULL`,
        )
        .get(id) as { authorId: number; releaseAuthorId: number } | undefined;
      if (!comment) return failWith('not-found', 'That comment no longer exists.');
      const at = this.now().toISOString();
      if (change.kind === 'resolve') {
        if (caller.person.role !== 'reviewer' && caller.person.id !== comment.releaseAuthorId)
          failWith('refused', 'Only a reviewer or the release’s author can resolve or reopen a comment.');
        this.db
          .prepare(`UPDATE team_comments SET resolved_at = ?, resolved_by = ? WHERE id = ?`)
          .run(change.resolved ? at : null, change.resolved ? caller.person.id : null, id);
        return {};
      }
      if (comment.authorId !== caller.person.id)
        failWith('refused', `Only the person who wrote a comment can ${change.kind === 'edit' ? 'edit' : 'delete'} it.`);
      if (change.kind === 'edit') this.db.prepare(`UPDATE team_comments SET body = ?, edited_at = ? WHERE id = ?`).run(change.text, at, id);
      else this.db.prepare(`UPDATE team_comments SET deleted_at = ? WHERE id = ?`).run(at, id);
      return {};
    });
  }

  /** A photo's bytes, checked as a local photo is, stored once under their SHA-256. */
  putPhoto(bytes: Uint8Array): { id: string } {
    const refusal = photoRefusal(bytes);
    if (refusal) failWith('invalid-input', refusal, { field: 'bytes' });
    const { mime } = sniffPhoto(bytes)!;
    const id = createHash('sha256').update(bytes).digest('hex');
    writeTransaction(this.db, () =>
      this.db
        .prepare(`INSERT INTO team_photos (id, mime, bytes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
        .run(id, mime, bytes, this.now().toISOString()),
    );
    return { id };
  }

  getPhoto(id: string): { bytes: Uint8Array } {
    const bytes = this.db.prepare(`SELECT bytes FROM team_photos WHERE id = ?`).pluck().get(id) as Buffer | undefined;
    return bytes ? { bytes: new Uint8Array(bytes) } : failWith('not-found', 'The team server has no photo with this id.');
  }

  private approve(releaseId: string, caller: Caller, contentSha256: string, at: string): void {
    const approval = this.signer.sign({
      releaseId,
      contentSha256,
      approverId: caller.person.id,
      approverName: caller.person.name,
      approvedAt: at,
    });
    this.db
      .prepare(
        `INSERT INTO approvals (release_id, content_sha256, approver_id, approver_name, approved_at, signature)
         VALUES (@releaseId, @contentSha256, @approverId, @approverName, @approvedAt, @signature)`,
      )
      .run(approval);
  }

  private insertComment(
    releaseId: string,
    caller: Caller,
    input: { id: string; text: string; inline: boolean; quote: string },
    at: string,
  ): void {
    // A deleted comment keeps its id too, so it can never be taken over.
    if (this.db.prepare(`SELECT 1 FROM team_comments WHERE id = ?`).get(input.id))
      failWith('conflict', 'A comment with this id has been added already, so this one was not added. Nothing was changed.', {
        field: 'id',
      });
    this.db
      .prepare(
        `INSERT INTO team_comments (id, release_id, author_id, body, inline, quote, created_at)
         VALUES (@id, @releaseId, @authorId, @body, @inline, @quote, @at)`,
      )
      .run({
        id: input.id,
        releaseId,
        authorId: caller.person.id,
        body: input.text,
        inline: input.inline ? 1 : 0,
        quote: input.quote,
        at,
      });
  }

  private contributors(releaseId: string): number[] {
    return this.db
      .prepare(`SELECT person_id FROM release_contributors WHERE release_id = ? ORDER BY person_id`)
      .pluck()
      .all(releaseId) as number[];
  }

  /**
   * The latest approval no state change has set aside, while it matches this
   * content; shownOnly: only on a release that is approved or released.
   */
  private matchingApproval(releaseId: string, contentSha256: string, shownOnly = false): SignedApproval | null {
    if (shownOnly) {
      const status = this.db.prepare(`SELECT status FROM team_releases WHERE id = ?`).pluck().get(releaseId) as ReleaseStatus;
      if (status !== 'approved' && status !== 'released') return null;
    }
    const approval = this.db
      .prepare(
        `SELECT release_id AS releaseId, content_sha256 AS contentSha256, approver_id AS approverId, approver_name AS approverName,
                approved_at AS approvedAt, signature
         FROM approvals WHERE release_id = ? AND set_aside_at IS NULL ORDER BY id DESC LIMIT 1`,
      )
      .get(releaseId) as SignedApproval | undefined;
    return approval && approval.contentSha256 === contentSha256 ? approval : null;
  }

  private row(id: string): ReleaseRow {
    return (
      (this.db.prepare(`SELECT ${releaseColumns} WHERE r.id = ?`).get(id) as ReleaseRow | undefined) ??
      failWith('not-found', 'The team server has no such release.')
    );
  }

  private release(id: string): TeamRelease {
    const row = this.row(id);
    return {
      id: row.id,
      status: row.status,
      authorId: row.authorId,
      authorName: row.authorName,
      headline: row.headline,
      contentSha256: row.contentSha256,
      updatedAt: row.updatedAt,
      statusChangedAt: row.statusChangedAt,
      statusChangedByName: row.statusChangedByName,
      changedSinceSubmissionBy: this.contributors(id),
      approval: this.matchingApproval(id, row.contentSha256, true),
    };
  }

  /** Told once the transaction that changed the state has committed (better-sqlite3's transactions end before any microtask runs). */
  private statusChanged(releaseId: string): void {
    queueMicrotask(() => {
      for (const listener of this.statusListeners) listener(releaseId);
    });
  }
}
