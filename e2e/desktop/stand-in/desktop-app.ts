import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { StandInElectron } from './electron';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '../../..');
export const builtMain = join(root, 'dist/electron/main.cjs');
export const builtPreload = join(root, 'dist/electron/preload.cjs');

// The built main process asks for 'electron'; it gets the stand-in of the app being launched.
let current: StandInElectron | null = null;
const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = Module._load;
Module._load = function (request: string, ...rest: unknown[]) {
  if (request === 'electron' && current) return current.module;
  return originalLoad.call(this, request, ...rest);
};

const locks = new Map<string, StandInElectron>();
const realPlatform = process.platform;

export interface LaunchOptions {
  context: BrowserContext;
  /** The app's data folder, given as Electron would see DATELINE_DATA_DIR. */
  dataDir: string;
  platform?: NodeJS.Platform;
  preloadOverride?: string;
  localeCountryCode?: string;
  /** Environment for this launch (DATELINE_DATA_DIR is set from dataDir unless given here). */
  env?: Record<string, string | undefined>;
}

/** A running desktop app: the real built main process and preload, on the stand-in. */
export class DesktopApp {
  constructor(readonly electron: StandInElectron) {}

  /** The first window's page, once its document has loaded. */
  async firstWindow(): Promise<Page> {
    await expect
      .poll(() => this.electron.windows.length)
      .toBeGreaterThan(0)
      .catch(() => {
        const { events, errorBoxes } = this.electron;
        throw new Error(`The app opened no window. Events: ${events.join(', ')}. Error boxes: ${JSON.stringify(errorBoxes)}`);
      });
    const window = this.electron.windows[0]!;
    await window.firstLoad;
    return window.ready();
  }

  get menu() {
    const menu = this.electron.applicationMenu;
    if (!menu) throw new Error('The app set no application menu');
    return menu;
  }

  /** Cmd+Q or File → Quit: whatever item has the quit role. Resolves when the app has exited. */
  async quitFromMenu(): Promise<number> {
    await this.menu.click('quit');
    return this.exited();
  }

  /** The window's close button. */
  async closeWindow(index = 0): Promise<void> {
    await this.electron.windows[index]!.tryClose();
  }

  /** Waits, bounded, for the process to end. */
  async exited(timeoutMs = 10_000): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_resolve, reject) =>
        (timer = setTimeout(
          () => reject(new Error(`the app did not quit within ${timeoutMs} ms; events: ${this.electron.events.join(', ')}`)),
          timeoutMs,
        )),
    );
    try {
      return await Promise.race([this.electron.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the app if a test left it running (a crash, as far as the app is concerned). */
  async kill(): Promise<void> {
    if (this.electron.isRunning) this.electron.app.exit(137);
    await this.electron.closed;
    restorePlatform();
  }
}

function restorePlatform(): void {
  Object.defineProperty(process, 'platform', { value: realPlatform });
}

/**
 * Launches the built main process on the stand-in, as `electron .` would.
 * process.platform is what the main process believes it runs on, until the app
 * ends; the main script is loaded afresh, so every launch starts clean.
 */
export function launchDesktopApp({
  context,
  dataDir,
  platform = 'linux',
  preloadOverride,
  localeCountryCode,
  env = {},
}: LaunchOptions): DesktopApp {
  const electron = new StandInElectron({
    context,
    platform,
    appPath: root,
    userData: join(dataDir, 'default-user-data'),
    version: (require(join(root, 'package.json')) as { version: string }).version,
    localeCountryCode,
    preloadOverride,
    locks,
  });
  const environment = { DATELINE_DATA_DIR: dataDir, ...env };
  const saved = Object.fromEntries(Object.keys(environment).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(environment)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  Object.defineProperty(process, 'platform', { value: platform });
  current = electron;
  try {
    delete require.cache[builtMain];
    // Each launch loads a fresh main process into this one worker, where a real launch starts a process with nothing
    // loaded; Yjs marks the process global when it loads and would warn of a second copy at every launch after the first.
    delete (globalThis as Record<string, unknown>)['__ $YJS$ __'];
    require(builtMain);
  } finally {
    current = null;
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  electron.becomeReady();
  void electron.exited.then(restorePlatform);
  return new DesktopApp(electron);
}
