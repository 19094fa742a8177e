import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { ipcChannels } from '@shared/api/bridge';
import { openBackend, type Backend } from '../api/backend';
import { describeOpenFailure } from '../store/errors';
import { databaseFileName } from '../store/data-location';
import { bindFiles } from './files';
import { bindApi } from './ipc';
import { buildMenu } from './menu';
import { appEntry, handleAppProtocol, isAppUrl, registerAppScheme } from './protocol';

const rendererDir = join(__dirname, '../renderer');
// In development better-sqlite3 is built twice: node_modules for Node (tests,
// browser mode) and .electron-native for Electron's ABI (see scripts/electron-native.mjs).
const developmentNativeBinding = join(app.getAppPath(), '.electron-native', 'better_sqlite3.node');

// A data folder of one's own (a test, a portable copy): the same variable browser mode honours.
if (process.env.DATELINE_DATA_DIR) app.setPath('userData', process.env.DATELINE_DATA_DIR);

registerAppScheme();

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

function openStore(): Backend | null {
  const dataDir = app.getPath('userData');
  try {
    mkdirSync(dataDir, { recursive: true });
    return openBackend(join(dataDir, databaseFileName), { nativeBinding: app.isPackaged ? undefined : developmentNativeBinding });
  } catch (error) {
    dialog.showErrorBox('Dateline cannot open its database', describeOpenFailure(error));
    return null;
  }
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1320,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Dateline',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());

  // Closing waits (briefly) for the renderer to write what was typed since the last autosave.
  let flushed = false;
  window.on('close', (event) => {
    if (flushed) return;
    event.preventDefault();
    const finish = () => {
      if (flushed) return;
      flushed = true;
      ipcMain.removeListener(ipcChannels.flushed, finish);
      clearTimeout(giveUp);
      window.close();
    };
    ipcMain.once(ipcChannels.flushed, finish);
    // A renderer that cannot answer (hung, crashed) must not keep the window open.
    const giveUp = setTimeout(finish, 3000);
    window.webContents.send(ipcChannels.flushRequest);
  });

  void window.loadURL(appEntry);
}

void app.whenReady().then(() => {
  const backend = openStore();
  if (!backend) {
    app.quit();
    return;
  }
  // Every permission is refused but writing to the clipboard (Copy as text, Copy as HTML).
  const allowed = (permission: string) => permission === 'clipboard-sanitized-write';
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowed(permission));
  handleAppProtocol(rendererDir, backend.photos);
  bindApi(backend.handlers);
  bindFiles();
  Menu.setApplicationMenu(
    buildMenu((command) => BrowserWindow.getFocusedWindow()?.webContents.send(ipcChannels.menuCommand, command), !app.isPackaged),
  );
  createWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => backend.close());
});
