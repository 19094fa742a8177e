import { app, BrowserWindow, dialog, safeStorage, session, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { ApiFailure } from '@shared/api/result';
import type { DesktopServices, SecretBox } from '../api/desktop-services';
import { servePrintDocument } from './protocol';

/** The window a dialog belongs to: the one the person is working in. */
const activeWindow = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null;

async function showSaveDialog(options: SaveDialogOptions) {
  const window = activeWindow();
  return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
}

async function showOpenDialog(options: OpenDialogOptions) {
  const window = activeWindow();
  return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
}

/** Inches, as printToPDF takes them: room for a reader's notes and for punching. */
const pageMargins = { top: 0.8, bottom: 0.8, left: 0.9, right: 0.9 };

/** North American offices print on Letter, everyone else on A4. */
const paperSize = () => (['US', 'CA', 'MX', 'PH'].includes(app.getLocaleCountryCode()) ? 'Letter' : 'A4');

/**
 * Loads an export document into a hidden window of its own, with no preload
 * and no script, for Chromium to print or turn into PDF, and closes it after.
 */
async function withPrintWindow<T>(html: string, use: (window: BrowserWindow) => Promise<T>): Promise<T> {
  const served = servePrintDocument(html);
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false },
  });
  try {
    await window.loadURL(served.url);
    return await use(window);
  } finally {
    served.release();
    if (!window.isDestroyed()) window.destroy();
  }
}

/**
 * safeStorage's key lives in the keychain (macOS), DPAPI (Windows) or the
 * desktop's secret service (Linux). Without a secret service Linux falls back
 * to a key written in Chromium's source, which protects nothing, so then
 * nothing is kept.
 */
const secretBox: SecretBox = {
  seal: (text) => new Uint8Array(safeStorage.encryptString(text)),
  open: (sealed) => safeStorage.decryptString(Buffer.from(sealed)),
};

export const electronDesktopServices: DesktopServices = {
  async chooseSavePath(suggestedName) {
    const { canceled, filePath } = await showSaveDialog({ defaultPath: suggestedName });
    return canceled || !filePath ? null : filePath;
  },
  async chooseFolder() {
    const { canceled, filePaths } = await showOpenDialog({ properties: ['openDirectory', 'createDirectory'] });
    return canceled || !filePaths[0] ? null : filePaths[0];
  },
  printPdf: (html) =>
    withPrintWindow(
      html,
      async (window) =>
        new Uint8Array(await window.webContents.printToPDF({ pageSize: paperSize(), printBackground: true, margins: pageMargins })),
    ),
  print: (html) =>
    withPrintWindow(
      html,
      (window) =>
        new Promise<void>((resolve, reject) => {
          window.webContents.print({ pageSize: paperSize(), printBackground: true }, (success, failureReason) => {
            // Cancelling the system dialog is the person's choice, not a failure.
            if (success || failureReason === 'Print job canceled' || failureReason === 'cancelled') resolve();
            else reject(new ApiFailure({ kind: 'unavailable', message: `The release was not printed: ${failureReason}.` }));
          });
        }),
    ),
  setSpellCheckLanguages(languages) {
    // macOS checks with the system's own spell checker, which picks the language itself.
    if (process.platform === 'darwin') return;
    const available = new Set(session.defaultSession.availableSpellCheckerLanguages);
    session.defaultSession.setSpellCheckerLanguages(languages.filter((language) => available.has(language)));
  },
  secretBox() {
    if (!safeStorage.isEncryptionAvailable()) return null;
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
    return secretBox;
  },
};
