import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { RenderedExport } from '@shared/api/exports';
import type { Release } from '@shared/api/releases';
import { failWith } from '@shared/api/result';
import type { PhotoSource } from '@shared/export/html';
import { exportFileName, formatMimeTypes, type ExportFormat, type ExportOptions } from '@shared/export/options';
import { renderRelease } from '@shared/export/render';
import type { Person } from '@shared/api/session';
import type { AuditLog } from '../store/audit-log';
import type { PhotoStore } from '../store/photo-store';
import type { ReleaseStore } from '../store/release-store';
import type { RevisionLog } from '../store/revision-log';

export interface ExportRequest {
  id: string;
  format: ExportFormat;
  options: ExportOptions;
}

/** Renders releases for files and the clipboard, and holds the gate: only a current approval makes a final export. */
export class ExportService {
  constructor(
    private readonly db: Database,
    private readonly releases: ReleaseStore,
    private readonly photos: PhotoStore,
    private readonly revisions: RevisionLog,
    private readonly audit: AuditLog,
  ) {}

  private readonly photoSource: PhotoSource = (photoId) => {
    const photo = this.photos.get(photoId);
    return photo ? { mime: photo.mime, base64: photo.bytes.toString('base64'), width: photo.width, height: photo.height } : null;
  };

  private render({ id, format, options }: ExportRequest, release: Release, final: boolean): RenderedExport {
    const content = renderRelease(release.content, format, options, !final, this.photoSource);
    return {
      fileName: exportFileName(release.content.headline, release.content.dateline.date, id, format, !final),
      mime: formatMimeTypes[format],
      content,
      sha256: createHash('sha256').update(content, 'utf8').digest('hex'),
      final,
    };
  }

  /** A file: final (approved, approval current; marks it Released) or a draft. Recorded either way. */
  exportRelease(request: ExportRequest, final: boolean, actor: Person): RenderedExport {
    return this.db.transaction(() => this.recordExport(request, final, actor))();
  }

  private recordExport(request: ExportRequest, final: boolean, actor: Person): RenderedExport {
    const release = this.releases.get(request.id);
    if (final && !release.approval) {
      failWith('refused', 'Only an approved release whose approval is current can be exported as final. Export it as a draft, or have it approved first.');
    }
    const rendered = this.render(request, release, final);
    const row = this.releases.row(request.id);
    const at = new Date().toISOString();
    if (final && row.status === 'approved') {
      const version = this.releases.setStatus(row, 'released', actor.id, at);
      this.revisions.record('state', { releaseSeq: row.seq, version, status: 'released', content: release.content, actorId: actor.id, at }, `Released: exported as ${request.format}`);
    }
    this.audit.record(row.seq, actor.id, 'export', { format: request.format, fileName: rendered.fileName, sha256: rendered.sha256, final }, at);
    return rendered;
  }

  /** For the clipboard: never changes the state; the draft mark unless the approval is current. */
  copyRelease(request: ExportRequest, actor: Person): RenderedExport {
    const release = this.releases.get(request.id);
    const rendered = this.render(request, release, release.approval !== null);
    this.audit.record(this.releases.row(request.id).seq, actor.id, 'copy', { format: request.format, sha256: rendered.sha256, final: rendered.final });
    return rendered;
  }
}
