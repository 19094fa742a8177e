import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell, type WebContents } from 'electron';
import { ipcChannels, type MenuCommand } from '@shared/api/bridge';
import { openBackend, type Backend } from '../api/backend';
import { log } from '../log/log';
import { databaseFileName, logDirectory, resolveDataDirectory } from '../store/data-location';
import { describeOpenFailure } from '../store/errors';
import { developmentNativeBinding } from '../store/native-binding';
import { useNativeBinding } from '../store/sqlite';
import { defaultWindowSize, loadWindowState, saveWindowState } from '../window/window-state';
import { contextMenuTemplate } from './context-menu';
import { electronDesktopServices } from './desktop-services';
import { bindApi } from './ipc';
import { buildMenu } from './menu';
import { appEntry, dictionaryBaseUrl, handleAppProtocol, isAppUrl, registerAppScheme } from './protocol';

const rendererDir = join(__dirname, '../renderer');
// Packaged, the dictionaries sit beside the app (extraResources); in development, in dist/.
const dictionaryDir = app.isPackaged ? join(process.resourcesPath, 'dictionaries') : join(__dirname, '../dictionaries');
/** How long a window may take to write what was typed before it closes anyway (a hung renderer must not block quitting). */
const flushTimeoutMs = 3000;

function start(): void {
  // A data folder of one's own (a test, a portable copy): the variable browser mode and the CLI honour too.
  // Electron refuses a relative or missing path, so it is made absolute and created first.
  if (process.env.DATELINE_DATA_DIR) {
    try {
      app.setPath('userData', resolveDataDirectory(process.env.DATELINE_DATA_DIR));
    } catch (error) {
      dialog.showErrorBox('Dateline cannot use its data folder', `DATELINE_DATA_DIR: ${(error as Error).message}`);
      app.exit(1);
      return;
    }
  }
  // One Dateline per data folder: a second launch brings the first window forward instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  log.attach(logDirectory(app.getPath('userData')));
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => harden(contents));
  void app.whenReady().then(ready);
}

/** Electron's security checklist for every web contents: no new windows, no navigation away, no webviews. */
function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openStore(): Backend | null {
  const dataDir = app.getPath('userData');
  try {
    useNativeBinding(app.isPackaged ? undefined : developmentNativeBinding(app.getAppPath()));
    return openBackend(join(dataDir, databaseFileName), { automaticBackups: true }, electronDesktopServices);
  } catch (error) {
    log.error('The database could not be opened', error);
    dialog.showErrorBox(
      'Dateline cannot open its database',
      `${describeOpenFailure(error)}\n\nThe details are in ${log.file() ?? 'the log'}.`,
    );
    return null;
  }
}

// ---- Windows, and writing what was typed before one closes ----

const windowStateFile = () => join(app.getPath('userData'), 'window-state.json');
/** Windows whose renderer has written its unsaved work and may now close. */
const flushedWindows = new WeakSet<BrowserWindow>();
/** Set once every window has written its work for a quit; from then on nothing holds the quit back. */
let readyToQuit = false;
/** A menu command for a window that is still loading (macOS: New Release with no window open). */
const pendingCommands = new WeakMap<BrowserWindow, MenuCommand[]>();

/**
 * Asks the renderer to write unsaved work; resolves whether the window may
 * close. A renderer that does not answer in time is closed anyway (it may be
 * hung), unless it said it is asking the person, who may take their time.
 */
function flushWindow(window: BrowserWindow): Promise<boolean> {
  if (window.isDestroyed() || flushedWindows.has(window)) return Promise.resolve(true);
  const contents = window.webContents;
  return new Promise((resolve) => {
    const finish = (mayClose: boolean) => {
      ipcMain.removeListener(ipcChannels.flushed, onFlushed);
      ipcMain.removeListener(ipcChannels.flushAsking, onAsking);
      clearTimeout(giveUp);
      if (mayClose && !window.isDestroyed()) flushedWindows.add(window);
      resolve(mayClose);
    };
    const onFlushed = (event: Electron.IpcMainEvent, mayClose: unknown) => {
      if (event.sender === contents) finish(mayClose !== false);
    };
    const onAsking = (event: Electron.IpcMainEvent) => {
      if (event.sender === contents) clearTimeout(giveUp);
    };
    const giveUp = setTimeout(() => {
      log.warn('A window did not confirm its last save in time; closing it anyway');
      finish(true);
    }, flushTimeoutMs);
    ipcMain.on(ipcChannels.flushed, onFlushed);
    ipcMain.on(ipcChannels.flushAsking, onAsking);
    contents.send(ipcChannels.flushRequest);
  });
}

function createWindow(): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = loadWindowState(windowStateFile(), workAreas);
  const window = new BrowserWindow({
    ...(state ? { x: state.x, y: state.y, width: state.width, height: state.height } : defaultWindowSize),
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
  window.once('ready-to-show', () => {
    if (state?.maximized) window.maximize();
    window.show();
  });
  window.webContents.once('did-finish-load', () => {
    for (const command of pendingCommands.get(window) ?? []) window.webContents.send(ipcChannels.menuCommand, command);
    pendingCommands.delete(window);
  });

  // Closing (the close button, Cmd+W, or a quit) waits for the renderer to write what was typed since the last autosave.
  window.on('close', (event) => {
    saveWindowState(windowStateFile(), { ...window.getNormalBounds(), maximized: window.isMaximized() });
    if (readyToQuit || flushedWindows.has(window)) return;
    event.preventDefault();
    void flushWindow(window).then((mayClose) => {
      if (mayClose && !window.isDestroyed()) window.close();
    });
  });
  watchRenderer(window);
  // A load that fails (the window closed while loading) is not worth more than a line in the log.
  window.loadURL(appEntry).catch((error: unknown) => log.warn('The window did not finish loading', error));
  return window;
}

/** A renderer that fails is logged, and the person is told what happened and how to carry on. */
function watchRenderer(window: BrowserWindow): void {
  const contents = window.webContents;
  contents.on('preload-error', (_event, preloadPath, error) => {
    log.error(`The window's preload failed (${preloadPath})`, error);
    dialog.showErrorBox(
      'Dateline could not start its window',
      `The window cannot reach Dateline’s store, so nothing can be saved from it.\n\nThe details are in ${log.file() ?? 'the log'}. Reinstalling Dateline usually mends this.`,
    );
  });
  contents.on('render-process-gone', (_event, details) => {
    log.error(`The window's renderer is gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    void dialog
      .showMessageBox(window, {
        type: 'error',
        message: 'Dateline’s window stopped unexpectedly.',
        detail: 'Everything up to the last “Saved at…” is safe. Reload the window to carry on.',
        buttons: ['Reload', 'Close Window'],
        defaultId: 0,
      })
      .then(({ response }) => {
        if (window.isDestroyed()) return;
        if (response === 0) contents.reload();
        else {
          flushedWindows.add(window);
          window.close();
        }
      });
  });
  contents.on('unresponsive', () => {
    log.warn('The window stopped responding');
    void dialog
      .showMessageBox(window, {
        type: 'warning',
        message: 'Dateline is not responding.',
        detail:
          'It may be busy with a very long release. Wait, or reload the window (what was typed since the last “Saved at…” may be lost).',
        buttons: ['Wait', 'Reload'],
        defaultId: 0,
      })
      .then(({ response }) => {
        if (response === 1 && !window.isDestroyed()) contents.reload();
      });
  });
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, contents);
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window });
  });
}

/** Commands that make sense with no release open: with no window (macOS), they open one. */
const opensWindow: readonly MenuCommand[] = ['new-release', 'find'];

/** Sends a menu command to the window in front, opening one first if there is none and the command needs no open release. */
function sendCommand(command: MenuCommand): void {
  const target = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (target) target.webContents.send(ipcChannels.menuCommand, command);
  else if (opensWindow.includes(command)) pendingCommands.set(createWindow(), [command]);
}

function focusMainWindow(): void {
  const window = BrowserWindow.getAllWindows()[0];
  if (!window) {
    createWindow();
    return;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

// ---- The app ----

function ready(): void {
  log.info(`Dateline ${app.getVersion()} started (${process.platform}, data in ${app.getPath('userData')})`);
  const backend = openStore();
  if (!backend) {
    app.quit();
    return;
  }
  const { defaultSession } = session;
  // Every permission is refused but writing to the clipboard (Copy as text, Copy as HTML).
  const allowed = (permission: string) => permission === 'clipboard-sanitized-write';
  defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowed(permission)));
  defaultSession.setPermissionCheckHandler((_contents, permission) => allowed(permission));
  // Dictionaries come from the app itself, never from the network.
  defaultSession.setSpellCheckerDictionaryDownloadURL(dictionaryBaseUrl);
  electronDesktopServices.setSpellCheckLanguages(['en-US', 'en-GB']);
  handleAppProtocol({ rendererDir, dictionaryDir, photo: backend.photo });
  bindApi(backend.handlers);

  app.setAboutPanelOptions({
    applicationName: 'Dateline',
    applicationVersion: app.getVersion(),
    copyright: 'Offline editor for press offices',
  });
  const isMac = process.platform === 'darwin';
  Menu.setApplicationMenu(
    buildMenu(
      {
        send: sendCommand,
        showAbout: () => app.showAboutPanel(),
        openLog: () => void openPath(log.file()),
        openDataFolder: () => void openPath(app.getPath('userData')),
      },
      { isMac, isDevelopment: !app.isPackaged },
    ),
  );
  createWindow();

  app.on('second-instance', focusMainWindow);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  // macOS apps stay running with no window; elsewhere closing the last window quits.
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  // A quit (Cmd+Q, the Dock, log-out, the last window elsewhere) first lets every
  // window write its work, then quits for real. Holding back the first close of
  // each window during a quit would cancel the quit itself.
  app.on('before-quit', (event) => {
    if (readyToQuit) return;
    event.preventDefault();
    void Promise.all(BrowserWindow.getAllWindows().map(flushWindow)).then((answers) => {
      // Someone chose to stay with words that are not saved: the quit is off, as a cancelled close would make it.
      if (answers.includes(false)) return;
      readyToQuit = true;
      app.quit();
    });
  });
  app.on('will-quit', () => {
    void backend.close();
    log.info('Dateline quit');
  });
}

async function openPath(path: string | null): Promise<void> {
  const problem = path ? await shell.openPath(path) : 'there is no log file yet';
  if (problem) dialog.showErrorBox('Dateline could not open it', `${path ?? ''}\n\n${problem}`);
}

start();
