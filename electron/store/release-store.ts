import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Release, ReleaseSummary } from '@shared/api/releases';
import { failWith } from '@shared/api/result';
import { emptyReleaseContent, type ReleaseContent } from '@shared/release/content';
import { releasePhotos, releaseSearchText } from '@shared/release/text';
import { canonicalContent } from '@shared/review/canonical';
import { editPermission, statusAfterEdit, type ReleaseStatus } from '@shared/review/workflow';
import type { AuditLog } from './audit-log';
import { hashContent } from './content-hash';
import type { PhotoStore } from './photo-store';
import type { RevisionLog } from './revision-log';
import { toFtsQuery } from './search-query';

export interface ReleaseRow extends ReleaseSummary {
  seq: number;
  content: string;
}

const summaryColumns = `
  r.id, r.version, r.status, r.headline, r.dateline_date AS datelineDate, r.language,
  r.author_id AS authorId, author.name AS authorName, r.last_editor_id AS lastEditorId, editor.name AS lastEditorName,
  r.created_at AS createdAt, r.updated_at AS updatedAt, r.trashed_at AS trashedAt,
  r.status_changed_at AS statusChangedAt, changer.name AS statusChangedByName`;

const fromReleases = `
  FROM releases r
  JOIN people author ON author.id = r.author_id
  JOIN people editor ON editor.id = r.last_editor_id
  LEFT JOIN people changer ON changer.id = r.status_changed_by`;

// The list never loads the content column: with thousands of releases that is megabytes per refresh.
const selectSummary = `SELECT ${summaryColumns} ${fromReleases}`;
const selectRelease = `SELECT r.seq, r.content, ${summaryColumns} ${fromReleases}`;

export interface SaveResult {
  version: number;
  updatedAt: string;
  /** Draft again when the save changed an approved release; Approved again when it put the approved content back. */
  status: ReleaseStatus;
  approval: Release['approval'];
}

export interface SaveOptions {
  /** The revision whose content is being restored; recorded as a restore, not an edit. */
  restoredFrom?: { revisionId: number; recordedAt: string };
}

/**
 * Releases and their search index. The editor's JSON is the master copy; the
 * list columns and the search index are derived from it on every write, in the
 * same transaction, and every change is recorded in the revisions and the audit trail.
 */
export class ReleaseStore {
  constructor(
    private readonly db: Database,
    private readonly photos: PhotoStore,
    private readonly audit: AuditLog,
    private readonly revisions: RevisionLog,
  ) {}

  list(view: 'active' | 'trash', query?: string): ReleaseSummary[] {
    const trashed = view === 'trash' ? 'r.trashed_at IS NOT NULL' : 'r.trashed_at IS NULL';
    const match = toFtsQuery(query ?? '');
    const rows = match
      ? this.db
          .prepare(
            `${selectSummary} JOIN release_search s ON s.rowid = r.seq WHERE ${trashed} AND release_search MATCH ? ORDER BY s.rank, r.updated_at DESC, r.seq DESC LIMIT 500`,
          )
          .all(match)
      : this.db.prepare(`${selectSummary} WHERE ${trashed} ORDER BY r.updated_at DESC, r.seq DESC`).all();
    return rows as ReleaseSummary[];
  }

  /** Releases waiting for a reviewer, the longest-waiting first. */
  reviewQueue(): ReleaseSummary[] {
    return this.db
      .prepare(`${selectSummary} WHERE r.status = 'in-review' AND r.trashed_at IS NULL ORDER BY r.status_changed_at, r.seq`)
      .all() as ReleaseSummary[];
  }

  get(id: string): Release {
    const row = this.row(id);
    const { seq: _seq, headline: _headline, datelineDate: _date, language: _language, ...metadata } = row;
    const content = JSON.parse(row.content) as ReleaseContent;
    return { ...metadata, content, approval: this.shownApproval(row.seq, row.status, content) };
  }

  /** An approval is shown only on an approved or released release, and only while it is current. */
  private shownApproval(seq: number, status: ReleaseStatus, content: ReleaseContent): Release['approval'] {
    return status === 'approved' || status === 'released' ? this.currentApproval(seq, content) : null;
  }

  /** The latest approval no state change has set aside, only while the content hashes to what was approved. */
  currentApproval(seq: number, content: ReleaseContent): Release['approval'] {
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

  create(authorId: number, content: ReleaseContent = emptyReleaseContent(), details: Record<string, unknown> = {}): Release {
    const id = randomUUID();
    this.db.transaction(() => {
      this.requirePhotos(content);
      const now = new Date().toISOString();
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO releases (id, version, status, content, headline, dateline_date, language, author_id, last_editor_id, created_at, updated_at, status_changed_at, status_changed_by)
           VALUES (?, 1, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          JSON.stringify(content),
          content.headline,
          content.dateline.date,
          content.language,
          authorId,
          authorId,
          now,
          now,
          now,
          authorId,
        );
      const seq = Number(lastInsertRowid);
      this.index(seq, content);
      this.revisions.record('created', { releaseId: id, version: 1, status: 'draft', content, actorId: authorId, at: now });
      this.audit.record(id, authorId, 'create', details, now);
    })();
    return this.get(id);
  }

  /**
   * Writes content based on baseVersion. Refused, and nothing written, when
   * someone saved a newer version since (newer work is never overwritten) or the
   * workflow does not let this person edit now. Changing an approved release's
   * content makes it a draft; changing it back to the approved content makes it
   * approved again (the workflow's statusAfterEdit). A save that only moves
   * inline-comment anchors is allowed in any state and changes neither the state
   * nor the last editor.
   */
  save(id: string, baseVersion: number, content: ReleaseContent, editorId: number, options: SaveOptions = {}): SaveResult {
    return this.db.transaction(() => {
      const current = this.row(id);
      if (current.trashedAt) failWith('refused', 'This release is in the trash. Restore it to go on editing.');
      if (current.version !== baseVersion) {
        failWith(
          'conflict',
          `${current.lastEditorName} saved a newer version of this release since you opened it. Your changes were not written over theirs.`,
          {
            currentVersion: current.version,
          },
        );
      }
      this.requirePhotos(content);
      const contentChanged = canonicalContent(JSON.parse(current.content) as ReleaseContent) !== canonicalContent(content);
      const permission = editPermission(current, { id: editorId });
      if (contentChanged && !permission.allowed) failWith('refused', permission.reason);

      const updatedAt = new Date().toISOString();
      const version = baseVersion + 1;
      const status = contentChanged ? statusAfterEdit(current.status, this.currentApproval(current.seq, content) !== null) : current.status;
      const lastEditorId = contentChanged ? editorId : current.lastEditorId;
      const statusChanged = status !== current.status;
      this.db
        .prepare(
          `UPDATE releases SET version = ?, content = ?, headline = ?, dateline_date = ?, language = ?, last_editor_id = ?, updated_at = ?, status = ?,
             status_changed_at = CASE WHEN ? THEN ? ELSE status_changed_at END, status_changed_by = CASE WHEN ? THEN ? ELSE status_changed_by END
           WHERE seq = ?`,
        )
        .run(
          version,
          JSON.stringify(content),
          content.headline,
          content.dateline.date,
          content.language,
          lastEditorId,
          updatedAt,
          status,
          Number(statusChanged),
          updatedAt,
          Number(statusChanged),
          editorId,
          current.seq,
        );
      this.index(current.seq, content);
      // The approval itself stays: it is bound to its content's hash, so putting that content back makes it current again.
      const approval = this.shownApproval(current.seq, status, content);
      if (statusChanged && status === 'draft')
        this.audit.record(id, editorId, 'approval-lapsed', { reason: 'the text changed after approval' }, updatedAt);
      if (statusChanged && approval)
        this.audit.record(
          id,
          editorId,
          'approval-current-again',
          { approvedBy: approval.approverName, approvedAt: approval.approvedAt },
          updatedAt,
        );
      const snapshot = { releaseId: id, version, status, content, actorId: editorId, at: updatedAt };
      if (options.restoredFrom) {
        this.revisions.record('restore', snapshot, `Restored the version of ${options.restoredFrom.recordedAt}`);
        this.audit.record(
          id,
          editorId,
          'restore',
          { revisionId: options.restoredFrom.revisionId, of: options.restoredFrom.recordedAt },
          updatedAt,
        );
      } else if (contentChanged && this.revisions.recordEdit(snapshot)) {
        this.audit.record(id, editorId, 'edit-session', {}, updatedAt);
      }
      return { version, updatedAt, status, approval };
    })();
  }

  /** Moves the release to a new state; the caller has checked the workflow allows it. */
  setStatus(row: ReleaseRow, status: ReleaseStatus, actorId: number, at: string): number {
    const version = row.version + 1;
    this.db
      .prepare(`UPDATE releases SET status = ?, version = ?, updated_at = ?, status_changed_at = ?, status_changed_by = ? WHERE seq = ?`)
      .run(status, version, at, at, actorId, row.seq);
    // Any other state sets earlier approvals aside for good: from there, only a new approval counts.
    if (status !== 'approved' && status !== 'released') this.markApprovalsStale(row.seq, at);
    return version;
  }

  duplicate(id: string, authorId: number): Release {
    const original = this.get(id);
    return this.create(authorId, original.content, { duplicatedFrom: original.content.headline });
  }

  trash(id: string, actorId: number): void {
    this.setTrashed(id, new Date().toISOString(), actorId);
  }

  restore(id: string, actorId: number): void {
    this.setTrashed(id, null, actorId);
  }

  row(id: string): ReleaseRow {
    return (
      (this.db.prepare(`${selectRelease} WHERE r.id = ?`).get(id) as ReleaseRow | undefined) ??
      failWith('not-found', 'That release no longer exists.')
    );
  }

  private setTrashed(id: string, trashedAt: string | null, actorId: number): void {
    this.db.transaction(() => {
      const { seq } = this.row(id);
      // Trashing is not an edit: the version stays, so an open editor's next save still lands after a restore.
      this.db.prepare(`UPDATE releases SET trashed_at = ? WHERE seq = ?`).run(trashedAt, seq);
      this.audit.record(id, actorId, trashedAt ? 'trash' : 'restore-from-trash');
    })();
  }

  private markApprovalsStale(seq: number, at: string): void {
    this.db.prepare(`UPDATE approvals SET stale_at = ? WHERE release_seq = ? AND stale_at IS NULL`).run(at, seq);
  }

  private requirePhotos(content: ReleaseContent): void {
    const missing = this.photos.missing(releasePhotos(content).map((photo) => photo.photoId));
    if (missing.length > 0)
      failWith('invalid-input', `The release refers to a photo that is not in the store (${missing[0]}). Add the photo again.`);
  }

  private index(seq: number, content: ReleaseContent): void {
    this.db.prepare(`DELETE FROM release_search WHERE rowid = ?`).run(seq);
    this.db
      .prepare(
        `INSERT INTO release_search (rowid, headline, subheadline, body, captions) VALUES (@seq, @headline, @subheadline, @body, @captions)`,
      )
      .run({ seq, ...releaseSearchText(content) });
    this.db.prepare(`DELETE FROM release_photos WHERE release_seq = ?`).run(seq);
    const link = this.db.prepare(`INSERT OR IGNORE INTO release_photos (release_seq, photo_id) VALUES (?, ?)`);
    for (const photo of releasePhotos(content)) link.run(seq, photo.photoId);
  }
}
