import { useCallback } from 'react';
import type { PhotoInfo } from '@shared/api/photos';
import { maxPhotoBytes, photoAccept } from '@shared/photo/limits';
import { photoTooLarge } from '@shared/photo/sniff';
import { useAction } from '../data';
import { useNotices } from '../notices';

/**
 * Sends a picked, dropped or pasted file to the store. The store decides from
 * the bytes whether it is a photo; the size is checked here first only to spare
 * sending 200 MB just to be told no.
 */
export function usePhotoUpload(): (file: File) => Promise<PhotoInfo | null> {
  const { showError } = useNotices();
  // Its failure is shown here, with the file's name.
  const addPhoto = useAction('addPhoto', { showFailure: false }).run;
  return useCallback(
    async (file: File) => {
      const name = file.name || 'The pasted image';
      if (file.size > maxPhotoBytes) {
        showError(`“${name}” was not added. ${photoTooLarge(file.size)}`);
        return null;
      }
      const result = await addPhoto({ bytes: new Uint8Array(await file.arrayBuffer()) });
      if (!result.ok) {
        showError(`“${name}” was not added. ${result.error.message}`);
        return null;
      }
      return result.value;
    },
    [showError, addPhoto],
  );
}

/** Opens the system file picker for one photo. */
export function pickPhotoFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = photoAccept;
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}
