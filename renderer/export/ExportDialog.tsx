import { useState } from 'react';
import type { Release } from '@shared/api/releases';
import { defaultExportOptions, type ExportOptions, type FileFormat } from '@shared/export/options';
import { finalExport, releaseFacts } from '@shared/review/workflow';
import { desktop } from '../api';
import { useAction } from '../data';
import { Modal } from '../Modal';
import { useNotices } from '../notices';
import { ExportOptionsFields } from './ExportOptionsFields';
import { useSaveFile, utf8 } from './save-file';

/**
 * Export from the editor. An approved release with a current approval exports
 * as final and becomes Released; anything else exports as a draft, marked as
 * one. The export is recorded only once the file is written (desktop) or the
 * download handed over (browser mode): a cancelled dialog changes nothing.
 */
export function ExportDialog({ release, onClose, onExported }: { release: Release; onClose: () => void; onExported: () => void }) {
  const { showError } = useNotices();
  const [format, setFormat] = useState<FileFormat>('html');
  const [options, setOptions] = useState<ExportOptions>(defaultExportOptions);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // An export's or a print's failure is shown once, saying what did not happen.
  const saveExport = useAction('saveExport', { showFailure: false });
  const renderExport = useAction('renderExport', { showFailure: false });
  const recordExport = useAction('recordExport', { showFailure: false });
  const printRelease = useAction('printRelease', { showFailure: false });
  const copyRelease = useAction('copyRelease');
  const saveFile = useSaveFile();
  const canBeFinal = finalExport(releaseFacts(release)).allowed;

  /** The saved file's name or path, or null when the person cancelled. */
  async function writeFile(final: boolean): Promise<string | null> {
    if (desktop) {
      const saved = await saveExport.run({ id: release.id, format, options, final });
      if (!saved.ok) throw new Error(saved.error.message);
      return saved.value.path;
    }
    if (format === 'pdf') throw new Error('PDF export needs the Dateline desktop app.');
    const rendered = await renderExport.run({ id: release.id, format, options, final });
    if (!rendered.ok) throw new Error(rendered.error.message);
    await saveFile(rendered.value.fileName, rendered.value.mime, utf8(rendered.value.content));
    const recorded = await recordExport.run({ id: release.id, format, options, final, sha256: rendered.value.sha256 });
    if (!recorded.ok) throw new Error(recorded.error.message);
    return rendered.value.fileName;
  }

  async function exportFile(final: boolean) {
    setBusy(true);
    setMessage(null);
    try {
      const saved = await writeFile(final);
      if (saved === null) setMessage('Not exported: no file was chosen, and nothing changed.');
      else if (final) onExported();
      else setMessage(`Saved ${saved}.`);
    } catch (error) {
      showError(`Not exported: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  async function print() {
    const printed = await printRelease.run({ id: release.id, options });
    if (!printed.ok) showError(`Not printed: ${printed.error.message}`);
  }

  async function copy(kind: 'text' | 'html') {
    const text = await copyRelease.run({ id: release.id, format: 'txt', options });
    if (!text.ok) return;
    const fragment = kind === 'html' ? await copyRelease.run({ id: release.id, format: 'fragment', options }) : null;
    if (fragment && !fragment.ok) return;
    const item: Record<string, Blob> = { 'text/plain': new Blob([text.value.content], { type: 'text/plain' }) };
    if (fragment?.ok) item['text/html'] = new Blob([fragment.value.content], { type: 'text/html' });
    try {
      await navigator.clipboard.write([new ClipboardItem(item)]);
      setMessage(kind === 'html' ? 'Copied as HTML, ready to paste into an email.' : 'Copied as plain text.');
    } catch (error) {
      showError(`Could not copy to the clipboard: ${(error as Error).message}`);
    }
  }

  return (
    <Modal title="Export" onClose={onClose}>
      <ExportOptionsFields format={format} options={options} onFormat={setFormat} onOptions={setOptions} />
      <p className="muted small">
        {canBeFinal
          ? 'This release is approved: exporting it as final marks it Released, and the export is recorded with the file’s fingerprint.'
          : `Not approved, so it exports as a draft: every file says “DRAFT — NOT FOR PUBLICATION” at the top, and its name says draft.`}
      </p>
      {message && (
        <p className="ok small" aria-live="polite">
          {message}
        </p>
      )}
      <div className="row end wrap">
        <button type="button" disabled={copyRelease.pending} onClick={() => void copy('text')}>
          Copy as text
        </button>
        <button type="button" disabled={copyRelease.pending} onClick={() => void copy('html')}>
          Copy as HTML
        </button>
        {desktop && (
          <button type="button" disabled={printRelease.pending} onClick={() => void print()}>
            Print…
          </button>
        )}
        <span className="spacer" />
        {canBeFinal && (
          <button type="button" disabled={busy} onClick={() => void exportFile(false)}>
            Export as draft
          </button>
        )}
        <button type="button" className="primary" disabled={busy} onClick={() => void exportFile(canBeFinal)}>
          Export
        </button>
      </div>
    </Modal>
  );
}
