import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Comment } from '@shared/api/comments';
import { failWith } from '@shared/api/result';
import type { AuditLog } from './audit-log';
import { releaseSeq } from './release-seq';
import { writeTransaction } from './write-transaction';

interface CommentRow {
  id: string;
  releaseId: string;
  authorId: number;
  body: string;
}

/** The discussion on each release: a general thread and comments anchored in the body. */
export class CommentStore {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  list(releaseId: string): Comment[] {
    const rows = this.db
      .prepare(
        `SELECT c.id, c.body AS text, c.inline, c.quote, p.name AS authorName, c.author_id AS authorId, c.created_at AS createdAt, c.edited_at AS editedAt,
                c.resolved_at AS resolvedAt, resolver.name AS resolvedByName
         FROM comments c JOIN people p ON p.id = c.author_id LEFT JOIN people resolver ON resolver.id = c.resolved_by
         WHERE c.release_seq = ? AND c.deleted_at IS NULL ORDER BY c.created_at, c.rowid`,
      )
      .all(releaseSeq(this.db, releaseId)) as (Omit<Comment, 'inline'> & { inline: number })[];
    return rows.map((row) => ({ ...row, inline: row.inline === 1 }));
  }

  /** auditAction null: the caller records the action itself (a change request carries its comment). */
  add(
    releaseId: string,
    authorId: number,
    input: { id?: string; text: string; inline: boolean; quote: string },
    auditAction: 'comment' | null = 'comment',
  ): string {
    const id = input.id ?? randomUUID();
    const at = new Date().toISOString();
    // The comment and its audit entry are written together or not at all.
    writeTransaction(this.db, () => {
      // The editor chooses an inline comment's id; a deleted comment keeps its id too, so it can never be taken over.
      if (this.db.prepare(`SELECT 1 FROM comments WHERE id = ?`).get(id))
        failWith('conflict', 'A comment with this id has been added already, so this one was not added. Nothing was changed.', {
          field: 'id',
        });
      this.db
        .prepare(
          `INSERT INTO comments (id, release_seq, author_id, body, inline, quote, created_at)
           VALUES (@id, @releaseSeq, @authorId, @body, @inline, @quote, @at)`,
        )
        .run({
          id,
          releaseSeq: releaseSeq(this.db, releaseId),
          authorId,
          body: input.text,
          inline: input.inline ? 1 : 0,
          quote: input.quote,
          at,
        });
      if (auditAction)
        this.audit.record(
          releaseId,
          authorId,
          auditAction,
          { commentId: id, text: input.text, ...(input.inline ? { on: input.quote } : {}) },
          at,
        );
    });
    return id;
  }

  edit(id: string, actorId: number, text: string): void {
    writeTransaction(this.db, () => {
      const comment = this.own(id, actorId, 'edit');
      this.db.prepare(`UPDATE comments SET body = ?, edited_at = ? WHERE id = ?`).run(text, new Date().toISOString(), id);
      this.audit.record(comment.releaseId, actorId, 'comment-edit', { commentId: id, before: comment.body, after: text });
    });
  }

  remove(id: string, actorId: number): void {
    writeTransaction(this.db, () => {
      const comment = this.own(id, actorId, 'delete');
      this.db.prepare(`UPDATE comments SET deleted_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
      this.audit.record(comment.releaseId, actorId, 'comment-delete', { commentId: id, text: comment.body });
    });
  }

  setResolved(id: string, actorId: number, resolved: boolean): void {
    writeTransaction(this.db, () => {
      const comment = this.find(id);
      const at = new Date().toISOString();
      this.db
        .prepare(`UPDATE comments SET resolved_at = ?, resolved_by = ? WHERE id = ?`)
        .run(resolved ? at : null, resolved ? actorId : null, id);
      this.audit.record(comment.releaseId, actorId, resolved ? 'comment-resolve' : 'comment-reopen', { commentId: id }, at);
    });
  }

  /** The release a comment kept here is on; null when it is not here (a team comment made elsewhere, or deleted). */
  releaseOf(id: string): string | null {
    const row = this.db
      .prepare(`SELECT r.id FROM comments c JOIN releases r ON r.seq = c.release_seq WHERE c.id = ? AND c.deleted_at IS NULL`)
      .pluck()
      .get(id) as string | undefined;
    return row ?? null;
  }

  private find(id: string): CommentRow {
    return (
      (this.db
        .prepare(
          `SELECT c.id, r.id AS releaseId, c.author_id AS authorId, c.body
           FROM comments c JOIN releases r ON r.seq = c.release_seq WHERE c.id = ? AND c.deleted_at IS NULL`,
        )
        .get(id) as CommentRow | undefined) ?? failWith('not-found', 'That comment no longer exists.')
    );
  }

  private own(id: string, actorId: number, verb: string): CommentRow {
    const comment = this.find(id);
    if (comment.authorId !== actorId) failWith('refused', `Only the person who wrote a comment can ${verb} it.`);
    return comment;
  }
}
