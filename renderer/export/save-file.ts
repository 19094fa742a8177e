import { useCallback } from 'react';
import { desktop } from '../api';
import { useAction } from '../data';

/**
 * Puts bytes the page made (a .zip of exports) where the person wants them: a
 * native save dialog on the desktop, a download in browser mode (the browser
 * never overwrites a file; it renames). The function resolves false when the
 * person cancelled; it throws with the reason when the file could not be
 * written, for the caller to say what was not exported.
 */
export function useSaveFile(): (fileName: string, mime: string, bytes: Uint8Array) => Promise<boolean> {
  const { run: saveBytesAs } = useAction('saveBytesAs', { showFailure: false });
  return useCallback(
    async (fileName, mime, bytes) => {
      if (desktop) {
        // Bytes made in this page sit on a plain ArrayBuffer, never a shared one.
        const result = await saveBytesAs({ suggestedName: fileName, bytes: bytes as Uint8Array<ArrayBuffer> });
        if (!result.ok) throw new Error(result.error.message);
        return result.value.path !== null;
      }
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return true;
    },
    [saveBytesAs],
  );
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
