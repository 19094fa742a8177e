import { basename, join } from 'node:path';
import { BrowserWindow, dialog, ipcMain } from 'electron';
import { ipcChannels } from '@shared/api/bridge';
import { writeFileSafely } from '../export/write-file-safely';
import { toApiError } from '../store/errors';
import { isFromApp } from './ipc';

const asBytes = (value: unknown) => (value instanceof Uint8Array ? value : null);

/**
 * Saving exports on the desktop. The renderer never names a path itself: it gets
 * one from a native dialog, and may write only into folders the person chose.
 */
export function bindFiles(): void {
  const chosenFolders = new Set<string>();

  ipcMain.handle(ipcChannels.saveAs, async (event, suggestedName: unknown, data: unknown) => {
    const bytes = asBytes(data);
    if (!isFromApp(event) || typeof suggestedName !== 'string' || !bytes) return null;
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: basename(suggestedName) };
    const { canceled, filePath } = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (canceled || !filePath) return null;
    // The dialog has already asked before replacing a file.
    writeFileSafely(filePath, bytes, { overwrite: true });
    return filePath;
  });

  ipcMain.handle(ipcChannels.chooseFolder, async (event) => {
    if (!isFromApp(event)) return null;
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = { properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
    const { canceled, filePaths } = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    if (canceled || !filePaths[0]) return null;
    chosenFolders.add(filePaths[0]);
    return filePaths[0];
  });

  ipcMain.handle(ipcChannels.writeInto, (event, folder: unknown, fileName: unknown, data: unknown) => {
    const bytes = asBytes(data);
    if (!isFromApp(event) || typeof folder !== 'string' || !chosenFolders.has(folder) || typeof fileName !== 'string' || fileName !== basename(fileName) || !bytes) {
      return 'Dateline can only write into a folder you chose.';
    }
    try {
      writeFileSafely(join(folder, fileName), bytes);
      return null;
    } catch (error) {
      return toApiError(error).message;
    }
  });
}
