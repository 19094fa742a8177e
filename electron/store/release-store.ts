import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Release, ReleaseSummary } from '../../shared/api/releases';
import { failWith } from '../../shared/api/result';
import { emptyReleaseContent, type ReleaseContent } from '../../shared/release/content';
import { bodyPlainText, releasePhotos } from '../../shared/release/text';
import type { PhotoStore } from './photo-store';
import { toFtsQuery } from './search-query';

interface ReleaseRow extends ReleaseSummary {
  seq: number;
  content: string;
}

const summaryColumns = `
  r.id, r.version, r.status, r.headline, r.dateline_date AS datelineDate, r.language,
  author.name AS authorName, editor.name AS lastEditorName,
  r.created_at AS createdAt, r.updated_at AS updatedAt, r.trashed_at AS trashedAt`;

const fromReleases = `
  FROM releases r
  JOIN people author ON author.id = r.author_id
  JOIN people editor ON editor.id = r.last_editor_id`;

// The list never loads the content column: with thousands of releases that is megabytes per refresh.
const selectSummary = `SELECT ${summaryColumns} ${fromReleases}`;
const selectRelease = `SELECT r.seq, r.content, ${summaryColumns} ${fromReleases}`;


const toRelease = ({ id, version, status, authorName, lastEditorName, createdAt, updatedAt, trashedAt, content }: ReleaseRow): Release => ({
  id,
  version,
  status,
  authorName,
  lastEditorName,
  createdAt,
  updatedAt,
  trashedAt,
  content: JSON.parse(content) as ReleaseContent,
});

/**
 * Releases and their search index. The editor's JSON is the master copy; the
 * headline and date columns and the search index are derived from it on every
 * write, in the same transaction.
 */
export class ReleaseStore {
  constructor(
    private readonly db: Database,
    private readonly photos: PhotoStore,
  ) {}

  list(view: 'active' | 'trash', query?: string): ReleaseSummary[] {
    const trashed = view === 'trash' ? 'r.trashed_at IS NOT NULL' : 'r.trashed_at IS NULL';
    const match = toFtsQuery(query ?? '');
    const rows = match
      ? this.db
          .prepare(`${selectSummary} JOIN release_search s ON s.rowid = r.seq WHERE ${trashed} AND release_search MATCH ? ORDER BY s.rank, r.updated_at DESC LIMIT 500`)
          .all(match)
      : this.db.prepare(`${selectSummary} WHERE ${trashed} ORDER BY r.updated_at DESC`).all();
    return rows as ReleaseSummary[];
  }

  get(id: string): Release {
    return toRelease(this.row(id));
  }

  create(authorId: number, content: ReleaseContent = emptyReleaseContent()): Release {
    const id = randomUUID();
    this.db.transaction(() => {
      this.requirePhotos(content);
      const now = new Date().toISOString();
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO releases (id, version, status, content, headline, dateline_date, language, author_id, last_editor_id, created_at, updated_at)
           VALUES (?, 1, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, JSON.stringify(content), content.headline, content.dateline.date, content.language, authorId, authorId, now, now);
      this.index(Number(lastInsertRowid), content);
    })();
    return this.get(id);
  }

  /**
   * Writes content based on baseVersion. Refused, and nothing written, when
   * someone saved a newer version since: newer work is never overwritten.
   */
  save(id: string, baseVersion: number, content: ReleaseContent, editorId: number): { version: number; updatedAt: string } {
    return this.db.transaction(() => {
      const current = this.row(id);
      if (current.trashedAt) failWith('refused', 'This release is in the trash. Restore it to go on editing.');
      if (current.version !== baseVersion) {
        failWith(
          'conflict',
          `${current.lastEditorName} saved a newer version of this release since you opened it. Your changes were not written over theirs.`,
          { currentVersion: current.version },
        );
      }
      this.requirePhotos(content);
      const updatedAt = new Date().toISOString();
      const version = baseVersion + 1;
      this.db
        .prepare(
          `UPDATE releases SET version = ?, content = ?, headline = ?, dateline_date = ?, language = ?, last_editor_id = ?, updated_at = ?
           WHERE seq = ?`,
        )
        .run(version, JSON.stringify(content), content.headline, content.dateline.date, content.language, editorId, updatedAt, current.seq);
      this.index(current.seq, content);
      return { version, updatedAt };
    })();
  }

  duplicate(id: string, authorId: number): Release {
    return this.create(authorId, this.get(id).content);
  }

  trash(id: string): void {
    this.setTrashed(id, new Date().toISOString());
  }

  restore(id: string): void {
    this.setTrashed(id, null);
  }

  private setTrashed(id: string, trashedAt: string | null): void {
    // Trashing is not an edit: the version stays, so an open editor's next save still lands after a restore.
    const { changes } = this.db.prepare(`UPDATE releases SET trashed_at = ? WHERE id = ?`).run(trashedAt, id);
    if (changes === 0) failWith('not-found', 'That release no longer exists.');
  }

  private row(id: string): ReleaseRow {
    return (this.db.prepare(`${selectRelease} WHERE r.id = ?`).get(id) as ReleaseRow | undefined) ?? failWith('not-found', 'That release no longer exists.');
  }

  private requirePhotos(content: ReleaseContent): void {
    const missing = this.photos.missing(releasePhotos(content).map((photo) => photo.photoId));
    if (missing.length > 0) failWith('invalid-input', `The release refers to a photo that is not in the store (${missing[0]}). Add the photo again.`);
  }

  private index(seq: number, content: ReleaseContent): void {
    const photos = releasePhotos(content);
    const captions = photos.map((photo) => `${photo.caption} ${photo.credit}`).join('\n');
    this.db.prepare(`DELETE FROM release_search WHERE rowid = ?`).run(seq);
    this.db
      .prepare(`INSERT INTO release_search (rowid, headline, subheadline, body, captions) VALUES (?, ?, ?, ?, ?)`)
      .run(seq, content.headline, content.subheadline, bodyPlainText(content.body), captions);
    this.db.prepare(`DELETE FROM release_photos WHERE release_seq = ?`).run(seq);
    const link = this.db.prepare(`INSERT OR IGNORE INTO release_photos (release_seq, photo_id) VALUES (?, ?)`);
    for (const photo of photos) link.run(seq, photo.photoId);
  }
}
