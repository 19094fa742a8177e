import { desktop } from '../api';

/**
 * Puts an export where the person wants it: a native save dialog on the
 * desktop, a download in browser mode (the browser never overwrites a file; it
 * renames). Resolves false when the person cancelled.
 */
export async function saveFile(fileName: string, mime: string, bytes: Uint8Array): Promise<boolean> {
  if (desktop) return (await desktop.files.saveAs(fileName, bytes)) !== null;
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
