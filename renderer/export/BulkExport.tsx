import { zipSync } from 'fflate';
import { useRef, useState } from 'react';
import type { ReleaseSummary } from '@shared/api/releases';
import {
  defaultExportOptions,
  exportFormats,
  renderedFormatOf,
  type ExportFormat,
  type ExportOptions,
  type FileFormat,
} from '@shared/export/options';
import { finalExport, releaseFacts } from '@shared/review/workflow';
import { desktop } from '../api';
import { useAction } from '../data';
import { Modal } from '../Modal';
import { ExportOptionsFields } from './ExportOptionsFields';
import { useSaveFile, utf8 } from './save-file';

interface Failure {
  headline: string;
  reason: string;
}
type Phase =
  | { kind: 'choosing' }
  | { kind: 'running'; done: number }
  | { kind: 'finished'; done: number; saved: number; cancelled: boolean; failures: Failure[]; savedTo: string | null };

const failureOf = (release: ReleaseSummary, reason: string): Failure => ({ headline: release.headline || 'Untitled release', reason });

/**
 * Export several releases to one .zip (or, on the desktop, into a folder), one
 * at a time with progress, cancellable, and a summary of anything that failed.
 * What succeeded stays. Approved releases export as final (and become
 * Released); the rest as drafts.
 */
export function BulkExport({ releases, onClose, onDone }: { releases: ReleaseSummary[]; onClose: () => void; onDone: () => void }) {
  const [format, setFormat] = useState<ExportFormat>('html');
  const chooseFormat = (chosen: FileFormat) => setFormat(renderedFormatOf(chosen));
  const [options, setOptions] = useState<ExportOptions>(defaultExportOptions);
  const [phase, setPhase] = useState<Phase>({ kind: 'choosing' });
  const cancelled = useRef(false);
  const chooseExportFolder = useAction('chooseExportFolder');
  // Each release's failure is collected for the summary, where it is read beside the others.
  const getRelease = useAction('getRelease', { showFailure: false });
  const exportIntoFolder = useAction('exportIntoFolder', { showFailure: false });
  const renderExport = useAction('renderExport', { showFailure: false });
  const recordExport = useAction('recordExport', { showFailure: false });
  const saveFile = useSaveFile();

  async function start(destination: 'zip' | 'folder') {
    let folder: string | null = null;
    if (destination === 'folder') {
      const chosen = await chooseExportFolder.run({});
      if (!chosen.ok || !chosen.value.folder) return;
      folder = chosen.value.folder;
    }
    cancelled.current = false;
    const files: Record<string, Uint8Array> = {};
    const zipped: { release: ReleaseSummary; final: boolean; sha256: string }[] = [];
    const failures: Failure[] = [];
    let done = 0;
    let saved = 0;
    setPhase({ kind: 'running', done });
    for (const release of releases) {
      if (cancelled.current) break;
      // The list may be older than the release, and only the full release says whether its approval is still current.
      const current = await getRelease.run({ id: release.id });
      if (!current.ok) {
        failures.push(failureOf(release, current.error.message));
      } else {
        const final = finalExport(releaseFacts(current.value)).allowed;
        if (folder) {
          // Written, then recorded, one by one in the main process.
          const written = await exportIntoFolder.run({ folder, id: release.id, format, options, final });
          if (written.ok) saved++;
          else failures.push(failureOf(release, written.error.message));
        } else {
          const rendered = await renderExport.run({ id: release.id, format, options, final });
          if (rendered.ok) {
            files[uniqueName(files, rendered.value.fileName)] = utf8(rendered.value.content);
            zipped.push({ release, final, sha256: rendered.value.sha256 });
          } else failures.push(failureOf(release, rendered.error.message));
        }
      }
      done++;
      setPhase({ kind: 'running', done });
    }
    let savedTo = folder;
    if (!folder && zipped.length > 0) {
      const name = `dateline-export-${new Date().toISOString().slice(0, 10)}.zip`;
      let handedOver = false;
      try {
        handedOver = await saveFile(name, 'application/zip', zipSync(files, { level: 6 }));
      } catch (error) {
        failures.push({ headline: name, reason: (error as Error).message });
      }
      // Only a .zip that was written (or downloaded) counts as exported: recorded now, Released now.
      if (handedOver) {
        savedTo = name;
        for (const { release, final, sha256 } of zipped) {
          const recorded = await recordExport.run({ id: release.id, format, options, final, sha256 });
          if (recorded.ok) saved++;
          else failures.push(failureOf(release, recorded.error.message));
        }
      }
    }
    setPhase({ kind: 'finished', done, saved, cancelled: cancelled.current, failures, savedTo });
    onDone();
  }

  const total = releases.length;
  return (
    <Modal title={`Export ${total} ${total === 1 ? 'release' : 'releases'}`} onClose={onClose}>
      {phase.kind === 'choosing' && (
        <>
          <ExportOptionsFields formats={exportFormats} format={format} options={options} onFormat={chooseFormat} onOptions={setOptions} />
          <p className="muted small">Approved releases are exported as final and marked Released; the others as drafts, marked as such.</p>
          <div className="row end">
            {desktop && (
              <button type="button" disabled={chooseExportFolder.pending} onClick={() => void start('folder')}>
                Export to a folder…
              </button>
            )}
            <button type="button" className="primary" onClick={() => void start('zip')}>
              Export to a .zip
            </button>
          </div>
        </>
      )}
      {phase.kind !== 'choosing' && (
        <div className="bulk-progress">
          <progress aria-label="Export progress" max={total} value={phase.done} />
          <span className="small" aria-live="polite">
            {phase.done} of {total}
          </span>
          {phase.kind === 'running' && (
            <button type="button" onClick={() => (cancelled.current = true)}>
              Cancel export
            </button>
          )}
        </div>
      )}
      {phase.kind === 'finished' && (
        <div className="bulk-summary" aria-label="Export summary">
          <p>
            {phase.cancelled ? 'Cancelled. ' : ''}Exported {phase.saved} of {total}
            {phase.savedTo ? ` to ${phase.savedTo}` : ''}.
          </p>
          {phase.failures.length > 0 && (
            <>
              <p>Not exported:</p>
              <ul>
                {phase.failures.map((failure, index) => (
                  <li key={index}>
                    <strong dir="auto">{failure.headline}</strong>: {failure.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="row end">
            <button type="button" className="primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}

/** Two releases with the same headline and date must not overwrite each other inside the zip. */
function uniqueName(files: Record<string, Uint8Array>, name: string): string {
  if (!(name in files)) return name;
  const dot = name.indexOf('.');
  for (let counter = 2; ; counter++) {
    const candidate = `${name.slice(0, dot)}-${counter}${name.slice(dot)}`;
    if (!(candidate in files)) return candidate;
  }
}
