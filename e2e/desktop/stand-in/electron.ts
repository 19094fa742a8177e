import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import type { BrowserContext, CDPSession, Page, Route } from '@playwright/test';
import {
  decodeIpc,
  deliverFunctionName,
  encodeIpc,
  ipcBindingName,
  mainWorldScript,
  preloadWorldName,
  preloadWorldScript,
} from './page-scripts';

/**
 * A stand-in for the `electron` module, faithful where Dateline's main process
 * and preload depend on it, so that the real built dist/electron/main.cjs and
 * preload.cjs run in CI, where Electron's runtime cannot be downloaded. Each
 * BrowserWindow is a page in Debian's Chromium. What it models, and what it
 * cannot, is listed in the README ("The desktop, tested without Electron").
 */

/** app://dateline/… cannot be loaded by a stock Chromium, so pages see it under this https origin; the main process never does. */
const pageOrigin = 'https://dateline.app-scheme.invalid';
const toPageUrl = (url: string) => url.replace(/^app:\/\/dateline/, pageOrigin);
const toAppUrl = (url: string) => (url.startsWith(pageOrigin) ? `app://dateline${url.slice(pageOrigin.length)}` : url);

class StandInEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface DialogAnswers {
  /** Answers to showSaveDialog, in order: a path, or null for Cancel. */
  save: (string | null)[];
  /** Answers to showOpenDialog, in order: the chosen paths, or null for Cancel. */
  open: (string[] | null)[];
  /** Answers to showMessageBox, in order: the index of the button pressed (default: the first). */
  message: number[];
}

export interface StandInOptions {
  context: BrowserContext;
  platform: NodeJS.Platform;
  appPath: string;
  /** userData before the app sets it itself. */
  userData: string;
  version: string;
  localeCountryCode?: string;
  /** Another preload to load instead of the one the main process names (to prove a bad preload is caught). */
  preloadOverride?: string;
  /** Single-instance locks held in this test process, by userData folder. */
  locks: Map<string, StandInElectron>;
}

/** Everything the test can look at or drive. */
export class StandInElectron {
  readonly events: string[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly messageBoxes: { message: string; buttons: string[] }[] = [];
  readonly openedPaths: string[] = [];
  readonly popups: { items: MenuItemTemplate[] }[] = [];
  readonly printed: string[] = [];
  readonly dialogs: DialogAnswers = { save: [], open: [], message: [] };
  readonly dialogRequests: { kind: 'save' | 'open'; defaultPath?: string }[] = [];
  readonly blockedRequests: string[] = [];
  readonly windows: StandInBrowserWindow[] = [];
  readonly ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  readonly ipcMain = Object.assign(new EventEmitter(), {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      if (this.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.ipcHandlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void this.ipcHandlers.delete(channel),
  });
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  readonly privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  applicationMenu: StandInMenu | null = null;
  focused: StandInBrowserWindow | null = null;
  readonly session = new StandInSession();
  readonly exited: Promise<number>;
  private exit!: (code: number) => void;
  exitCode: number | null = null;
  private ready = false;
  private quitting = false;
  private readyPromise: Promise<void>;
  private markReady!: () => void;
  private readonly paths = new Map<string, string>();

  constructor(readonly options: StandInOptions) {
    this.paths.set('userData', options.userData);
    this.exited = new Promise((resolve) => (this.exit = resolve));
    this.readyPromise = new Promise((resolve) => (this.markReady = resolve));
  }

  /** Electron emits ready once the main script has run to its end. */
  becomeReady(): void {
    setImmediate(() => {
      this.ready = true;
      this.events.push('ready');
      this.app.emit('ready', new StandInEvent(), {});
      this.markReady();
    });
  }

  get isReady(): boolean {
    return this.ready;
  }

  get isRunning(): boolean {
    return this.exitCode === null;
  }

  readonly app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    name: 'Dateline',
    whenReady: () => this.readyPromise,
    isReady: () => this.ready,
    getAppPath: () => this.options.appPath,
    getVersion: () => this.options.version,
    getName: () => 'Dateline',
    getLocale: () => 'en-GB',
    getLocaleCountryCode: () => this.options.localeCountryCode ?? 'GB',
    getPath: (name: string) => {
      const path = this.paths.get(name);
      if (!path) throw new Error(`Failed to get '${name}' path`);
      return path;
    },
    // Electron refuses a relative path, and (since Electron 13) a folder that does not exist.
    setPath: (name: string, path: string) => {
      if (!isAbsolute(path)) throw new Error(`Path must be absolute: ${path}`);
      if (!existsSync(path)) throw new Error(`Failed to set path`);
      this.paths.set(name, path);
    },
    requestSingleInstanceLock: () => {
      const folder = this.paths.get('userData')!;
      const holder = this.options.locks.get(folder);
      if (holder && holder.isRunning && holder !== this) {
        holder.app.emit('second-instance', new StandInEvent(), [], process.cwd(), {});
        return false;
      }
      this.options.locks.set(folder, this);
      return true;
    },
    setAboutPanelOptions: () => undefined,
    showAboutPanel: () => void this.events.push('about-panel'),
    quit: () => void this.quit(),
    exit: (code = 0) => this.terminate(code),
  });

  /** Electron's documented order: before-quit, each window's close (cancellable; cancelling cancels the quit), will-quit, quit. */
  async quit(): Promise<void> {
    if (this.quitting || !this.isRunning) return;
    const beforeQuit = new StandInEvent();
    this.events.push('before-quit');
    this.app.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    for (const window of [...this.windows]) {
      if (!(await window.tryClose())) {
        this.events.push('quit-cancelled');
        this.quitting = false;
        return;
      }
    }
    const willQuit = new StandInEvent();
    this.events.push('will-quit');
    this.app.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.events.push('quit');
    this.app.emit('quit', new StandInEvent(), 0);
    this.terminate(0);
  }

  /** Resolves once every window of an ended app is closed. */
  closed: Promise<unknown> = Promise.resolve();

  private terminate(code: number): void {
    if (!this.isRunning) return;
    this.closed = Promise.all(this.windows.map((window) => window.destroyPage()));
    this.windows.length = 0;
    this.exitCode = code;
    this.exit(code);
  }

  /** After a window is gone: Electron emits window-all-closed, and quits by itself if nobody listens. */
  windowClosed(window: StandInBrowserWindow): void {
    this.windows.splice(this.windows.indexOf(window), 1);
    if (this.focused === window) this.focused = this.windows[0] ?? null;
    if (this.windows.length > 0 || this.quitting) return;
    this.events.push('window-all-closed');
    if (this.app.listenerCount('window-all-closed') > 0) this.app.emit('window-all-closed');
    else void this.quit();
  }

  /** Handles a call from a page's ipcRenderer as Electron's main process receives it. */
  async receiveIpc(window: StandInBrowserWindow, frameUrl: string, text: string): Promise<string | null> {
    const message = decodeIpc(text) as { kind: string; id?: number; channel?: string; args?: unknown[]; error?: string };
    if (message.kind === 'preload-error') {
      this.events.push('preload-error');
      window.webContents.emit('preload-error', new StandInEvent(), this.preloadPathFor(window), new Error(message.error));
      return null;
    }
    const event = {
      sender: window.webContents,
      senderFrame: {
        url: toAppUrl(frameUrl),
        parent: null,
        top: null,
        origin: new URL(toAppUrl(frameUrl)).origin,
        routingId: 1,
        processId: 1,
      },
      frameId: 1,
      processId: 1,
      returnValue: undefined,
      reply: () => undefined,
    };
    if (message.kind === 'send') {
      this.ipcMain.emit(message.channel!, event, ...message.args!);
      return null;
    }
    const handler = this.ipcHandlers.get(message.channel!);
    try {
      if (!handler) throw new Error(`No handler registered for '${message.channel}'`);
      const value = await handler(event, ...message.args!);
      return encodeIpc({ kind: 'reply', id: message.id, ok: true, value });
    } catch (error) {
      return encodeIpc({
        kind: 'reply',
        id: message.id,
        ok: false,
        error: `Error invoking remote method '${message.channel}': ${String(error)}`,
      });
    }
  }

  preloadPathFor(window: StandInBrowserWindow): string {
    return this.options.preloadOverride ?? (window.options.webPreferences?.preload as string);
  }

  /** Serves a page request as Electron would: app:// through protocol.handle, everything else refused (there is no network). */
  async route(window: StandInBrowserWindow, route: Route): Promise<void> {
    const request = route.request();
    const url = request.url();
    const isNavigation = request.isNavigationRequest() && request.frame() === window.page?.mainFrame();
    if (isNavigation && !window.loading.has(url)) {
      const event = new StandInEvent();
      window.webContents.emit('will-navigate', event, toAppUrl(url));
      if (event.defaultPrevented) {
        this.events.push(`navigation-prevented ${toAppUrl(url)}`);
        return route.abort('aborted');
      }
    }
    window.loading.delete(url);
    if (!url.startsWith(pageOrigin)) {
      this.blockedRequests.push(url);
      return route.abort('internetdisconnected');
    }
    const privileged = this.privilegedSchemes.find((entry) => entry.scheme === 'app');
    const handler = this.protocolHandlers.get('app');
    if (!privileged?.privileges?.standard || !handler) return route.abort('failed');
    const body = request.postDataBuffer();
    const response = await handler(
      new Request(toAppUrl(url), {
        method: request.method(),
        headers: request.headers(),
        body: body && request.method() !== 'GET' ? new Uint8Array(body) : undefined,
      }),
    );
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  }

  /** What `require('electron')` returns to the main process. */
  get module(): Record<string, unknown> {
    return electronModule(this);
  }
}

/** The stand-in's `electron` module, over one StandInElectron. */
function electronModule(standIn: StandInElectron): Record<string, unknown> {
  return {
    app: standIn.app,
    ipcMain: standIn.ipcMain,
    session: { defaultSession: standIn.session },
    // As on a Linux machine without a secret service, like the ones CI runs on: Chromium's fallback key, which Dateline does not trust.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => {
        throw new Error('Dateline should not encrypt with the basic_text backend');
      },
      decryptString: () => {
        throw new Error('Dateline should not decrypt with the basic_text backend');
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string; privileges?: Record<string, boolean> }[]) => {
        if (standIn.isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        standIn.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void standIn.protocolHandlers.set(scheme, handler),
    },
    BrowserWindow: class extends StandInBrowserWindow {
      constructor(options: WindowOptions) {
        super(standIn, options);
      }
      static getAllWindows = () => [...standIn.windows];
      static getFocusedWindow = () => standIn.focused;
      static fromWebContents = (contents: unknown) => standIn.windows.find((window) => window.webContents === contents) ?? null;
    },
    Menu: {
      buildFromTemplate: (template: MenuItemTemplate[]) => new StandInMenu(standIn, template),
      setApplicationMenu: (menu: StandInMenu | null) => void (standIn.applicationMenu = menu),
      getApplicationMenu: () => standIn.applicationMenu,
    },
    dialog: {
      showSaveDialog: async (...args: unknown[]) => {
        const options = args.at(-1) as { defaultPath?: string };
        standIn.dialogRequests.push({ kind: 'save', defaultPath: options.defaultPath });
        if (standIn.dialogs.save.length === 0) throw new Error('The test gave no answer for a save dialog');
        const path = standIn.dialogs.save.shift()!;
        return { canceled: path === null, filePath: path ?? '' };
      },
      showOpenDialog: async () => {
        standIn.dialogRequests.push({ kind: 'open' });
        if (standIn.dialogs.open.length === 0) throw new Error('The test gave no answer for an open dialog');
        const paths = standIn.dialogs.open.shift()!;
        return { canceled: paths === null, filePaths: paths ?? [] };
      },
      showMessageBox: async (...args: unknown[]) => {
        const options = args.at(-1) as { message: string; buttons?: string[] };
        standIn.messageBoxes.push({ message: options.message, buttons: options.buttons ?? [] });
        return { response: standIn.dialogs.message.shift() ?? 0, checkboxChecked: false };
      },
      showErrorBox: (title: string, content: string) => void standIn.errorBoxes.push({ title, content }),
    },
    screen: {
      getAllDisplays: () => [
        { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      ],
    },
    shell: {
      openPath: async (path: string) => (standIn.openedPaths.push(path), ''),
      openExternal: async (url: string) => void standIn.openedPaths.push(url),
    },
  };
}

class StandInSession {
  permissionRequestHandler:
    ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheckHandler: ((contents: unknown, permission: string) => boolean) | null = null;
  dictionaryDownloadUrl: string | null = null;
  spellCheckerLanguages: string[] = ['en-US'];
  readonly addedWords: string[] = [];
  /** A part of Chromium's Hunspell list; it has no Arabic. */
  readonly availableSpellCheckerLanguages = ['en-AU', 'en-CA', 'en-GB', 'en-US', 'fr-FR', 'de-DE', 'es-ES'];
  setPermissionRequestHandler(handler: StandInSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: StandInSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler;
  }
  setSpellCheckerDictionaryDownloadURL(url: string) {
    this.dictionaryDownloadUrl = url;
  }
  setSpellCheckerLanguages(languages: string[]) {
    const unknown = languages.find((language) => !this.availableSpellCheckerLanguages.includes(language));
    if (unknown) throw new Error(`Invalid language code provided: "${unknown}" is not a valid language code`);
    this.spellCheckerLanguages = [...languages];
  }
  getSpellCheckerLanguages() {
    return [...this.spellCheckerLanguages];
  }
  addWordToSpellCheckerDictionary(word: string) {
    this.addedWords.push(word);
    return true;
  }
  /** What the app answers when a page asks for a permission. */
  decide(permission: string): Promise<boolean> {
    return new Promise((resolve) =>
      this.permissionRequestHandler ? this.permissionRequestHandler(null, permission, resolve, {}) : resolve(true),
    );
  }
}

export interface MenuItemTemplate {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  click?: (...args: unknown[]) => void;
  submenu?: MenuItemTemplate[];
}

/** The items Electron puts in macOS's app menu for role 'appMenu'. */
const appMenuItems: MenuItemTemplate[] = [
  { role: 'about' },
  { type: 'separator' },
  { role: 'hide' },
  { role: 'hideOthers' },
  { role: 'unhide' },
  { type: 'separator' },
  { role: 'quit' },
];

export class StandInMenu {
  constructor(
    private readonly standIn: StandInElectron,
    readonly items: MenuItemTemplate[],
  ) {}

  popup(): void {
    this.standIn.popups.push({ items: this.items });
  }

  /** All items, with the app menu's role expanded as Electron does on macOS. */
  flat(): MenuItemTemplate[] {
    const walk = (items: MenuItemTemplate[]): MenuItemTemplate[] =>
      items.flatMap((item) => [item, ...walk(item.submenu ?? (item.role === 'appMenu' ? appMenuItems : []))]);
    return walk(this.items);
  }

  find(labelOrRole: string): MenuItemTemplate | undefined {
    return this.flat().find(
      (item) => item.label?.replace('&', '') === labelOrRole || (!item.label && item.role?.toLowerCase() === labelOrRole.toLowerCase()),
    );
  }

  /** Clicks an item as a person would; roles do what Electron's roles do. */
  async click(labelOrRole: string): Promise<void> {
    const item = this.find(labelOrRole);
    if (!item) throw new Error(`The menu has no "${labelOrRole}"`);
    if (item.enabled === false) throw new Error(`"${labelOrRole}" is disabled`);
    if (item.click) return void item.click(item, this.standIn.focused, {});
    const focused = this.standIn.focused;
    switch (item.role?.toLowerCase()) {
      case 'quit':
        return this.standIn.quit();
      case 'close':
        return void focused?.close();
      case 'about':
        return this.standIn.app.showAboutPanel();
      case 'undo':
      case 'redo':
      case 'cut':
      case 'copy':
      case 'paste':
      case 'selectall':
        return focused?.webContents.editingCommand(item.role);
      default:
        throw new Error(`The stand-in does not model the role "${item.role}"`);
    }
  }
}

interface WindowOptions {
  show?: boolean;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  webPreferences?: Record<string, unknown>;
}

export class StandInBrowserWindow extends EventEmitter {
  page: Page | null = null;
  private cdp: CDPSession | null = null;
  private readonly pageReady: Promise<Page>;
  /** The preload world of the current document, where IPC messages are delivered. */
  private preloadContextId: number | null = null;
  private readonly contextReady: { promise: Promise<void>; resolve: () => void };
  /** Resolves when the app's own page has first loaded (not the blank page a window starts with). */
  readonly firstLoad: Promise<void>;
  private markLoaded!: () => void;
  /** URLs loaded by loadURL, which are not navigations the page started. */
  readonly loading = new Set<string>();
  destroyed = false;
  visible = false;
  maximized = false;
  bounds: { x: number; y: number; width: number; height: number };
  readonly webContents: StandInWebContents;

  constructor(
    readonly standIn: StandInElectron,
    readonly options: WindowOptions,
  ) {
    super();
    this.bounds = { x: options.x ?? 300, y: options.y ?? 90, width: options.width ?? 800, height: options.height ?? 600 };
    this.webContents = new StandInWebContents(this);
    let resolveContext!: () => void;
    this.contextReady = { promise: new Promise((resolve) => (resolveContext = resolve)), resolve: () => resolveContext() };
    this.firstLoad = new Promise((resolve) => (this.markLoaded = resolve));
    standIn.windows.push(this);
    standIn.app.emit('web-contents-created', new StandInEvent(), this.webContents);
    this.pageReady = this.openPage();
  }

  private async openPage(): Promise<Page> {
    const page = await this.standIn.options.context.newPage();
    this.page = page;
    const cdp = await this.standIn.options.context.newCDPSession(page);
    this.cdp = cdp;
    await cdp.send('Page.enable');
    await cdp.send('Runtime.enable');
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.name === preloadWorldName) {
        this.preloadContextId = context.id;
        this.contextReady.resolve();
      }
    });
    cdp.on('Runtime.bindingCalled', ({ name, payload, executionContextId }) => {
      if (name !== ipcBindingName) return;
      void this.standIn.receiveIpc(this, page.url(), payload).then((reply) => {
        if (reply) void this.deliver(reply, executionContextId);
      });
    });
    await cdp.send('Runtime.addBinding', { name: ipcBindingName, executionContextName: preloadWorldName });
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: mainWorldScript });
    const preloadPath = this.standIn.preloadPathFor(this);
    if (preloadPath) {
      const source = readFileSync(preloadPath, 'utf8');
      await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
        source: preloadWorldScript(source, basename(preloadPath)),
        worldName: preloadWorldName,
      });
    }
    await page.route('**/*', (route) => this.standIn.route(this, route));
    page.on('load', () => {
      if (page.url() === 'about:blank') return;
      this.webContents.emit('did-finish-load', new StandInEvent());
      this.emitOnce('ready-to-show');
      this.markLoaded();
    });
    page.on('crash', () => this.webContents.emit('render-process-gone', new StandInEvent(), { reason: 'crashed', exitCode: 139 }));
    return page;
  }

  private readonly emitted = new Set<string>();
  private emitOnce(name: string): void {
    if (this.emitted.has(name)) return;
    this.emitted.add(name);
    this.emit(name, new StandInEvent());
  }

  /** Runs a message in the preload world, where ipcRenderer's listeners live. */
  async deliver(text: string, contextId?: number): Promise<void> {
    await this.pageReady;
    if (contextId === undefined) await this.contextReady.promise;
    if (this.destroyed) return;
    await this.cdp!.send('Runtime.evaluate', {
      expression: `${deliverFunctionName}(${JSON.stringify(text)})`,
      contextId: contextId ?? this.preloadContextId!,
    }).catch(() => undefined);
  }

  async loadURL(url: string): Promise<void> {
    const page = await this.pageReady;
    const pageUrl = toPageUrl(url);
    this.loading.add(pageUrl);
    await page.goto(pageUrl);
  }

  /** A close as by the close button: the 'close' event may cancel it. Resolves whether the window closed. */
  async tryClose(): Promise<boolean> {
    if (this.destroyed) return true;
    const event = new StandInEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    await this.destroyPage();
    this.emit('closed');
    this.standIn.windowClosed(this);
    return true;
  }

  async destroyPage(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    const page = await this.pageReady;
    // Requests still being answered have nobody to answer to once the window is gone.
    await page.unrouteAll({ behavior: 'ignoreErrors' }).catch(() => undefined);
    await page.close().catch(() => undefined);
  }

  close(): void {
    void this.tryClose();
  }
  destroy(): void {
    if (this.destroyed) return;
    void this.destroyPage().then(() => {
      this.emit('closed');
      this.standIn.windowClosed(this);
    });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {
    this.visible = true;
    this.standIn.focused = this;
  }
  focus(): void {
    this.standIn.focused = this;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  maximize(): void {
    this.maximized = true;
  }
  unmaximize(): void {
    this.maximized = false;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getBounds() {
    return { ...this.bounds };
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<StandInBrowserWindow['bounds']>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  /** The page, once it exists. */
  ready(): Promise<Page> {
    return this.pageReady;
  }
}

class StandInWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = StandInWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  constructor(private readonly window: StandInBrowserWindow) {
    super();
  }
  get session() {
    return this.window.standIn.session;
  }
  send(channel: string, ...args: unknown[]): void {
    void this.window.deliver(encodeIpc({ kind: 'message', channel, args }));
  }
  setWindowOpenHandler(handler: StandInWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return toAppUrl(this.window.page?.url() ?? '');
  }
  isDestroyed(): boolean {
    return this.window.destroyed;
  }
  reload(): void {
    void this.window.ready().then((page) => page.reload());
  }
  replaceMisspelling(word: string): void {
    void this.window.ready().then((page) => page.keyboard.insertText(word));
  }
  /** Electron's editing roles send Chromium's own editing commands, the way a native menu does. */
  async editingCommand(role: string): Promise<void> {
    const page = await this.window.ready();
    const session = await this.window.standIn.options.context.newCDPSession(page);
    const command = role.toLowerCase() === 'selectall' ? 'selectAll' : role.toLowerCase();
    await session.send('Input.dispatchKeyEvent', { type: 'keyDown', commands: [command] });
    await session.send('Input.dispatchKeyEvent', { type: 'keyUp' });
    await session.detach();
  }
  /** Electron's printToPDF takes margins in inches and defaults to about 0.4 in; Playwright's page.pdf takes CSS lengths. */
  async printToPDF(options: {
    pageSize?: string;
    printBackground?: boolean;
    margins?: { top?: number; bottom?: number; left?: number; right?: number };
  }): Promise<Buffer> {
    const page = await this.window.ready();
    const inches = (value: number | undefined) => `${value ?? 0.4}in`;
    const { top, bottom, left, right } = options.margins ?? {};
    return page.pdf({
      format: options.pageSize ?? 'Letter',
      printBackground: options.printBackground ?? false,
      margin: { top: inches(top), bottom: inches(bottom), left: inches(left), right: inches(right) },
    });
  }
  print(_options: unknown, callback?: (success: boolean, failureReason: string) => void): void {
    void this.window
      .ready()
      .then((page) => page.content())
      .then((html) => {
        this.window.standIn.printed.push(html);
        callback?.(true, '');
      });
  }
}
