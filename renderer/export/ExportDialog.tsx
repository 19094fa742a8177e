import { useState } from 'react';
import type { Release } from '@shared/api/releases';
import { defaultExportOptions, type ExportFormat, type ExportOptions } from '@shared/export/options';
import { api } from '../api';
import { Modal } from '../Modal';
import { useNotices } from '../notices';
import { ExportOptionsFields } from './ExportOptionsFields';
import { saveFile, utf8 } from './save-file';

/**
 * Export from the editor. An approved release with a current approval exports
 * as final and becomes Released; anything else exports as a draft, marked as one.
 */
export function ExportDialog({ release, onClose, onExported }: { release: Release; onClose: () => void; onExported: () => void }) {
  const { showError } = useNotices();
  const [format, setFormat] = useState<ExportFormat>('html');
  const [options, setOptions] = useState<ExportOptions>(defaultExportOptions);
  const [message, setMessage] = useState<string | null>(null);
  const canBeFinal = release.approval !== null;

  async function exportFile(final: boolean) {
    const result = await api.exportRelease({ id: release.id, format, options, final });
    if (!result.ok) return showError(result.error.message);
    const saved = await saveFile(result.value.fileName, result.value.mime, utf8(result.value.content));
    if (!saved) return;
    if (final) onExported();
    else setMessage(`Saved ${result.value.fileName}.`);
  }

  async function copy(kind: 'text' | 'html') {
    const text = await api.copyRelease({ id: release.id, format: 'txt', options });
    const fragment = kind === 'html' ? await api.copyRelease({ id: release.id, format: 'fragment', options }) : null;
    if (!text.ok) return showError(text.error.message);
    if (fragment && !fragment.ok) return showError(fragment.error.message);
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
        <button type="button" onClick={() => void copy('text')}>
          Copy as text
        </button>
        <button type="button" onClick={() => void copy('html')}>
          Copy as HTML
        </button>
        <span className="spacer" />
        {canBeFinal && (
          <button type="button" onClick={() => void exportFile(false)}>
            Export as draft
          </button>
        )}
        <button type="button" className="primary" onClick={() => void exportFile(canBeFinal)}>
          Export
        </button>
      </div>
    </Modal>
  );
}
