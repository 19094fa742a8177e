import { desktop, api } from '../api';

/**
 * Puts bytes the page made (a .zip of exports) where the person wants them: a
 * native save dialog on the desktop, a download in browser mode (the browser
 * never overwrites a file; it renames). Resolves false when the person
 * cancelled; throws with the reason when the file could not be written.
 */
export async function saveFile(fileName: string, mime: string, bytes: Uint8Array): Promise<boolean> {
  if (desktop) {
    // Bytes made in this page sit on a plain ArrayBuffer, never a shared one.
    const result = await api.saveBytesAs({ suggestedName: fileName, bytes: bytes as Uint8Array<ArrayBuffer> });
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
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
