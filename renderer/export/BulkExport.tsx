import { zipSync } from 'fflate';
import { useRef, useState } from 'react';
import type { ReleaseSummary } from '@shared/api/releases';
import { defaultExportOptions, type ExportFormat, type ExportOptions } from '@shared/export/options';
import { api, desktop } from '../api';
import { Modal } from '../Modal';
import { ExportOptionsFields } from './ExportOptionsFields';
import { saveFile, utf8 } from './save-file';

type Phase = { kind: 'choosing' } | { kind: 'running'; done: number } | { kind: 'finished'; done: number; saved: number; cancelled: boolean; failures: { headline: string; reason: string }[]; savedTo: string | null };

/**
 * Export several releases to one .zip (or, on the desktop, into a folder), one
 * at a time with progress, cancellable, and a summary of anything that failed.
 * What succeeded stays. Approved releases export as final (and become
 * Released); the rest as drafts.
 */
export function BulkExport({ releases, onClose, onDone }: { releases: ReleaseSummary[]; onClose: () => void; onDone: () => void }) {
  const [format, setFormat] = useState<ExportFormat>('html');
  const [options, setOptions] = useState<ExportOptions>(defaultExportOptions);
  const [phase, setPhase] = useState<Phase>({ kind: 'choosing' });
  const cancelled = useRef(false);

  async function start(destination: 'zip' | 'folder') {
    const folder = destination === 'folder' ? await desktop!.files.chooseFolder() : null;
    if (destination === 'folder' && !folder) return;
    cancelled.current = false;
    const files: Record<string, Uint8Array> = {};
    const failures: { headline: string; reason: string }[] = [];
    let done = 0;
    let saved = 0;
    setPhase({ kind: 'running', done });
    for (const release of releases) {
      if (cancelled.current) break;
      const final = release.status === 'approved' || release.status === 'released';
      const result = await api.exportRelease({ id: release.id, format, options, final });
      if (!result.ok) failures.push({ headline: release.headline || 'Untitled release', reason: result.error.message });
      else if (folder) {
        const problem = await desktop!.files.writeInto(folder, result.value.fileName, utf8(result.value.content));
        if (problem) failures.push({ headline: release.headline || 'Untitled release', reason: problem });
        else saved++;
      } else {
        files[uniqueName(files, result.value.fileName)] = utf8(result.value.content);
        saved++;
      }
      done++;
      setPhase({ kind: 'running', done });
    }
    let savedTo = folder;
    if (!folder && saved > 0) {
      const name = `dateline-export-${new Date().toISOString().slice(0, 10)}.zip`;
      if (await saveFile(name, 'application/zip', zipSync(files, { level: 6 }))) savedTo = name;
    }
    setPhase({ kind: 'finished', done, saved, cancelled: cancelled.current, failures, savedTo });
    onDone();
  }

  const total = releases.length;
  return (
    <Modal title={`Export ${total} ${total === 1 ? 'release' : 'releases'}`} onClose={onClose}>
      {phase.kind === 'choosing' && (
        <>
          <ExportOptionsFields format={format} options={options} onFormat={setFormat} onOptions={setOptions} />
          <p className="muted small">Approved releases are exported as final and marked Released; the others as drafts, marked as such.</p>
          <div className="row end">
            {desktop && (
              <button type="button" onClick={() => void start('folder')}>
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
