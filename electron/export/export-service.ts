import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { RenderedExport } from '@shared/api/exports';
import type { Release } from '@shared/api/releases';
import { failWith } from '@shared/api/result';
import type { PhotoSource } from '@shared/export/html';
import {
  exportFileName,
  formatMimeTypes,
  renderedFormatOf,
  type ExportFormat,
  type ExportOptions,
  type FileFormat,
} from '@shared/export/options';
import { renderRelease } from '@shared/export/render';
import { finalExport, releaseFacts } from '@shared/review/workflow';
import type { Person } from '@shared/api/session';
import type { AuditLog } from '../store/audit-log';
import type { PhotoStore } from '../store/photo-store';
import type { ReleaseLifecycle } from '../store/release-lifecycle';
import type { ReleaseStore } from '../store/release-store';
import { writeFileSafely } from './write-file-safely';
import { writeTransaction } from '../store/write-transaction';

export interface ExportRequest<Format extends FileFormat = ExportFormat> {
  id: string;
  format: Format;
  options: ExportOptions;
}

/** A file ready to be written: its bytes and their fingerprint. */
export interface ExportFile {
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
  final: boolean;
  /** The version of the release the bytes were made from. */
  version: number;
}

/** Turns an HTML export into PDF bytes (Chromium's printToPDF on the desktop). */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** Why a file could not be written, in words a press officer can act on. */
const writeProblems: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'Dateline is not allowed to write there',
  EPERM: 'Dateline is not allowed to write there',
  ENOENT: 'that folder is no longer there (was a USB stick or network drive disconnected?)',
  ENOTDIR: 'that folder is no longer there',
  EIO: 'the disk reported an error',
  ENAMETOOLONG: 'the file name is too long for that disk',
};

/** Writes a whole file or nothing, and turns a refusal by the disk into a clear, typed error. */
export function writeExportFile(path: string, bytes: Uint8Array, options: { overwrite?: boolean } = {}): void {
  try {
    writeFileSafely(path, bytes, options);
  } catch (error) {
    const problem = writeProblems[(error as NodeJS.ErrnoException).code ?? ''];
    if (problem) failWith('storage', `${basename(path)} was not saved: ${problem}. Nothing was changed.`);
    throw error;
  }
}

const sha256Of = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/**
 * Renders releases for files and the clipboard, and holds the gate: only a
 * current approval makes a final export. The order is fixed: render, write the
 * file (or hand it over), and only then record it and mark the release
 * Released, so a cancelled dialog or a failed write changes nothing.
 */
export class ExportService {
  constructor(
    private readonly db: Database,
    private readonly releases: ReleaseStore,
    private readonly lifecycle: ReleaseLifecycle,
    private readonly photos: PhotoStore,
    private readonly audit: AuditLog,
    /** Why this content may not leave as final beyond the workflow's word (a team release's signed approval), or null. */
    private readonly finalRefusal: (releaseId: string, content: Release['content']) => string | null = () => null,
  ) {}

  private readonly photoSource: PhotoSource = (photoId) => {
    const photo = this.photos.get(photoId);
    return photo ? { mime: photo.mime, base64: photo.bytes.toString('base64'), width: photo.width, height: photo.height } : null;
  };

  /** The workflow decides whether an export may be final; the lifecycle asks it again when the export is recorded. */
  private releaseFor(id: string, final: boolean): Release {
    const release = this.releases.get(id);
    if (final) {
      const decision = finalExport(releaseFacts(release));
      if (!decision.allowed) failWith('refused', decision.reason);
      this.requireSignedApproval(release);
    }
    return release;
  }

  private renderFor(
    { id, format, options }: ExportRequest,
    release: Release,
    final: boolean,
    fileFormat: FileFormat = format,
  ): RenderedExport {
    const content = renderRelease(release.content, format, options, !final, this.photoSource);
    return {
      fileName: exportFileName(release.content.headline, release.content.dateline.date, id, fileFormat, !final),
      mime: formatMimeTypes[fileFormat],
      content,
      sha256: sha256Of(content),
      final,
    };
  }

  /** A release rendered for a file; changes nothing. */
  render(request: ExportRequest, final: boolean): RenderedExport {
    return this.renderFor(request, this.releaseFor(request.id, final), final);
  }

  /** The bytes of a file in any format; a PDF is the HTML export, printed. */
  async produce(request: ExportRequest<FileFormat>, final: boolean, printPdf: PdfPrinter): Promise<ExportFile> {
    if (request.format !== 'pdf') return this.produceText({ ...request, format: request.format }, final);
    const release = this.releaseFor(request.id, final);
    const rendered = this.renderFor({ ...request, format: renderedFormatOf(request.format) }, release, final, 'pdf');
    const bytes = await printPdf(rendered.content);
    return { fileName: rendered.fileName, bytes, sha256: sha256Of(bytes), final, version: release.version };
  }

  produceText(request: ExportRequest, final: boolean): ExportFile {
    const release = this.releaseFor(request.id, final);
    const rendered = this.renderFor(request, release, final);
    return { fileName: rendered.fileName, bytes: utf8(rendered.content), sha256: rendered.sha256, final, version: release.version };
  }

  /** Writes the file whole (or not at all), then records it. The desktop and the command line both come here. */
  writeAndRecord(request: ExportRequest<FileFormat>, file: ExportFile, actor: Person, path: string, { overwrite = false } = {}): void {
    // A PDF prints while other calls go on, and the approval may lapse meanwhile: a final file is not left on disk for it.
    if (file.final) this.lifecycle.refuseUnlessFinal(request.id, actor, file.version);
    writeExportFile(path, file.bytes, { overwrite });
    this.record(request, file, actor);
  }

  /** Browser mode, after the download was handed over: the bytes must be what the release renders to now. */
  recordDownload(request: ExportRequest, final: boolean, sha256: string, actor: Person): void {
    const rendered = this.render(request, final);
    if (rendered.sha256 !== sha256) failWith('conflict', 'The release changed while it was being exported. Export it again.');
    this.record(request, { fileName: rendered.fileName, sha256, final }, actor);
  }

  private requireSignedApproval(release: Release): void {
    const refusal = this.finalRefusal(release.id, release.content);
    if (refusal) failWith('refused', `${refusal} No final file was written; export it as a draft.`);
  }

  private record(request: ExportRequest<FileFormat>, file: Pick<ExportFile, 'fileName' | 'sha256' | 'final'>, actor: Person): void {
    writeTransaction(this.db, () => {
      const at = new Date().toISOString();
      if (file.final) this.requireSignedApproval(this.releases.get(request.id));
      if (file.final) this.lifecycle.releaseByFinalExport(request.id, actor, request.format, at);
      this.audit.record(
        request.id,
        actor.id,
        'export',
        { format: request.format, fileName: file.fileName, sha256: file.sha256, final: file.final },
        at,
      );
    });
  }

  /** For the clipboard or the printer: the draft mark unless the approval is current; changes no state. */
  renderCurrent(request: ExportRequest): RenderedExport {
    const release = this.releases.get(request.id);
    const final = finalExport(releaseFacts(release)).allowed && this.finalRefusal(release.id, release.content) === null;
    return this.renderFor(request, release, final);
  }

  /** Records a copy or a print in the audit trail, once it has happened. */
  recordUse(request: ExportRequest, rendered: RenderedExport, actor: Person, purpose: 'copy' | 'print'): void {
    this.audit.record(request.id, actor.id, purpose, {
      format: request.format,
      sha256: rendered.sha256,
      final: rendered.final,
    });
  }
}
