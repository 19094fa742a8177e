import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Release, ReleaseSummary } from '@shared/api/releases';
import { failWith } from '@shared/api/result';
import { emptyReleaseContent, type ReleaseContent } from '@shared/release/content';
import { bodyLengthProblem } from '@shared/release/limits';
import { releasePhotos, releaseSearchText } from '@shared/release/text';
import { canonicalContent } from '@shared/review/canonical';
import type { ReleaseStatus } from '@shared/review/workflow';
import type { AuditLog } from './audit-log';
import type { PhotoStore } from './photo-store';
import type { ReleaseLifecycle } from './release-lifecycle';
import type { RevisionLog } from './revision-log';
import { toFtsQuery } from './search-query';
import { parseStoredContent } from './stored-content';
import { writeTransaction } from './write-transaction';

interface ReleaseRow extends ReleaseSummary {
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
  /**
   * The content is read off the release's Yjs document, whose edits were each
   * allowed as they arrived (the page's by the lifecycle when pushed, others'
   * by the team server), so it is written whatever the state is now.
   */
  fromDocument?: boolean;
}

/**
 * Releases and their search index. The editor's JSON is the master copy; the
 * list columns and the search index are derived from it on every write, in the
 * same transaction, and every change is recorded in the revisions and the audit trail.
 * The state and the approvals are the lifecycle's: this store asks it, never writes them.
 */
export class ReleaseStore {
  constructor(
    private readonly db: Database,
    private readonly photos: PhotoStore,
    private readonly lifecycle: ReleaseLifecycle,
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
    const content = parseStoredContent(row.content) ?? this.refuseDamaged(id, row.version);
    return { ...metadata, content, approval: this.lifecycle.currentApproval(id, content) };
  }

  create(
    authorId: number,
    content: ReleaseContent = emptyReleaseContent(),
    details: Record<string, unknown> = {},
    id: string = randomUUID(),
  ): Release {
    const retried = writeTransaction(this.db, () => {
      const existing = this.db
        .prepare(`SELECT version, author_id AS authorId, last_editor_id AS lastEditorId FROM releases WHERE id = ?`)
        .get(id) as { version: number; authorId: number; lastEditorId: number } | undefined;
      if (!existing) return false;
      // The same create again, its first answer lost: it carries the newest words, so they are saved over what the first one wrote.
      if (existing.authorId !== authorId || existing.lastEditorId !== authorId || existing.version !== 1)
        failWith('conflict', 'A release with this id exists already, so no new one was made.');
      this.save(id, 1, content, authorId);
      return true;
    });
    if (retried) return this.get(id);
    writeTransaction(this.db, () => {
      this.requireWithinLimits(content);
      this.requirePhotos(content);
      const now = new Date().toISOString();
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO releases (id, version, status, content, headline, dateline_date, language, author_id, last_editor_id, created_at, updated_at, status_changed_at, status_changed_by)
           VALUES (@id, 1, 'draft', @content, @headline, @datelineDate, @language, @authorId, @authorId, @now, @now, @now, @authorId)`,
        )
        .run({
          id,
          content: JSON.stringify(content),
          headline: content.headline,
          datelineDate: content.dateline.date,
          language: content.language,
          authorId,
          now,
        });
      const seq = Number(lastInsertRowid);
      this.index(seq, content);
      this.revisions.record('created', { releaseId: id, version: 1, status: 'draft', content, actorId: authorId, at: now });
      this.audit.record(id, authorId, 'create', details, now);
    });
    return this.get(id);
  }

  /**
   * Writes content based on baseVersion. Refused, and nothing written, when
   * someone saved a newer version since (newer work is never overwritten) or the
   * lifecycle does not let this person edit now; a change of content may change
   * the state (the lifecycle's applyEdit). A save that only moves inline-comment
   * anchors is allowed in any state and changes neither the state nor the last editor.
   */
  save(id: string, baseVersion: number, content: ReleaseContent, editorId: number, options: SaveOptions = {}): SaveResult {
    return writeTransaction(this.db, () => {
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
      this.requireWithinLimits(content);
      this.requirePhotos(content);
      // A damaged copy is replaced by whatever is saved over it (a restored revision, as the editor offers).
      const stored = parseStoredContent(current.content);
      const contentChanged = !stored || canonicalContent(stored) !== canonicalContent(content);
      const updatedAt = new Date().toISOString();
      const { status, approval } = contentChanged
        ? this.lifecycle.applyEdit(id, content, editorId, updatedAt, { alreadyAllowed: options.fromDocument })
        : { status: current.status, approval: this.lifecycle.currentApproval(id, content) };
      const version = baseVersion + 1;
      this.db
        .prepare(
          `UPDATE releases SET version = @version, content = @content, headline = @headline, dateline_date = @datelineDate, language = @language,
             last_editor_id = @lastEditorId, updated_at = @updatedAt
           WHERE seq = @seq`,
        )
        .run({
          version,
          content: JSON.stringify(content),
          headline: content.headline,
          datelineDate: content.dateline.date,
          language: content.language,
          lastEditorId: contentChanged ? editorId : current.lastEditorId,
          updatedAt,
          seq: current.seq,
        });
      this.index(current.seq, content);
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
    });
  }

  /**
   * Writes what a collaborative release's document now reads as, the snapshot
   * that lists, search, history and exports read; null when it reads as what is
   * stored already. Words that came from the team keep the last editor as it
   * was (editorId null): a Yjs update does not say whose they are.
   */
  saveDocumentSnapshot(id: string, content: ReleaseContent, editorId: number | null, options: SaveOptions = {}): SaveResult | null {
    return writeTransaction(this.db, () => {
      const current = this.row(id);
      if (current.content === JSON.stringify(content)) return null;
      return this.save(id, current.version, content, editorId ?? current.lastEditorId, { ...options, fromDocument: true });
    });
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

  private row(id: string): ReleaseRow {
    return (
      (this.db.prepare(`${selectRelease} WHERE r.id = ?`).get(id) as ReleaseRow | undefined) ??
      failWith('not-found', 'That release no longer exists.')
    );
  }

  private setTrashed(id: string, trashedAt: string | null, actorId: number): void {
    writeTransaction(this.db, () => {
      const { seq } = this.row(id);
      // Trashing is not an edit: the version stays, so an open editor's next save still lands after a restore.
      this.db.prepare(`UPDATE releases SET trashed_at = ? WHERE seq = ?`).run(trashedAt, seq);
      this.audit.record(id, actorId, trashedAt ? 'trash' : 'restore-from-trash');
    });
  }

  private refuseDamaged(id: string, version: number): never {
    const lastReadableRevision = this.revisions.lastReadable(id);
    return failWith(
      'refused',
      lastReadableRevision
        ? 'This release’s stored text is damaged, so it cannot be opened as it is. Its last readable version can be restored.'
        : 'This release’s stored text is damaged, and none of its earlier versions reads either. Restore a backup from Settings to get it back.',
      { currentVersion: version, ...(lastReadableRevision ? { lastReadableRevision } : {}) },
    );
  }

  /** The schema's length limits again, for callers that pass content straight in (import, restore, duplicate). */
  private requireWithinLimits(content: ReleaseContent): void {
    const problem = bodyLengthProblem(content.body);
    if (problem) failWith('invalid-input', problem, { field: 'body' });
  }

  private requirePhotos(content: ReleaseContent): void {
    const missing = this.photos.missing(releasePhotos(content).map((photo) => photo.photoId));
    if (missing.length > 0)
      failWith('invalid-input', `The release refers to a photo that is not in the store (${missing[0]}). Add the photo again.`);
  }

  /**
   * Builds the search index and photo links again from every release's JSON,
   * as after a salvage, which copies releases but not what is derived from them.
   * A release whose JSON no longer parses is left out of search. Returns how many were indexed.
   */
  reindexAll(): number {
    const rows = this.db.prepare(`SELECT seq, content FROM releases`).all() as { seq: number; content: string }[];
    return writeTransaction(this.db, () => {
      let indexed = 0;
      for (const row of rows) {
        const content = parseStoredContent(row.content);
        if (!content) continue;
        this.index(row.seq, content);
        indexed++;
      }
      return indexed;
    });
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
