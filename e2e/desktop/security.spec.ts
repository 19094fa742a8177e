import { signIn } from '../support/fixtures';
import { expect, test } from './support';

/**
 * Electron's security checklist, item by item where it applies to Dateline:
 * each assertion fails if the main process stops doing it.
 */
test('the window follows Electron’s security checklist', async ({ launch }) => {
  const app = launch();
  const page = await app.firstWindow();
  const browserWindow = app.electron.windows[0]!;
  const contents = browserWindow.webContents;

  // Context isolation, the sandbox, no Node, web security on; nothing experimental or insecure.
  expect(browserWindow.options.webPreferences).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
  });
  for (const risky of [
    'allowRunningInsecureContent',
    'experimentalFeatures',
    'enableBlinkFeatures',
    'nodeIntegrationInSubFrames',
    'nodeIntegrationInWorker',
    'webviewTag',
  ]) {
    expect(browserWindow.options.webPreferences, risky).not.toHaveProperty(risky);
  }

  // Only its own scheme, never file://, with a Content-Security-Policy on every response.
  expect(contents.getURL()).toBe('app://dateline/index.html');
  expect(app.electron.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  const policy = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("script-src 'self'");

  // No navigation away, no new windows, no webviews.
  await page.evaluate(() => (window.location.href = 'https://evil.example/login'));
  await expect.poll(() => app.electron.events).toContain('navigation-prevented https://evil.example/login');
  await expect(page).toHaveURL(/^https:\/\/dateline\.app-scheme\.invalid\/index\.html/);
  expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  const webview = {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
  contents.emit('will-attach-webview', webview, {}, {});
  expect(webview.defaultPrevented).toBe(true);

  // Every permission refused but writing to the clipboard.
  const session = app.electron.session;
  for (const permission of ['geolocation', 'media', 'notifications', 'openExternal', 'midi', 'pointerLock', 'fullscreen'])
    expect(await session.decide(permission), permission).toBe(false);
  expect(await session.decide('clipboard-sanitized-write')).toBe(true);
  expect(session.permissionCheckHandler!(null, 'media')).toBe(false);

  // IPC answers only the app's own main frame.
  const api = app.electron.ipcHandlers.get('dateline:api')!;
  const from = (url: string, parent: unknown = null) => ({ sender: contents, senderFrame: { url, parent } });
  expect(await api(from('app://dateline/index.html'), 'listReleases', { view: 'active' })).toMatchObject({ ok: true });
  expect(await api(from('https://evil.example/'), 'listReleases', { view: 'active' })).toMatchObject({
    ok: false,
    error: { kind: 'refused' },
  });
  expect(
    await api(from('app://dateline/index.html', { url: 'app://dateline/index.html' }), 'listReleases', { view: 'active' }),
  ).toMatchObject({ ok: false, error: { kind: 'refused' } });

  // Using the app loads nothing from outside it, and opens nothing outside it.
  await signIn(page, 'Amal Haddad');
  await page.getByRole('button', { name: 'New release' }).click();
  await expect(page).toHaveURL(/#\/release\//);
  expect(app.electron.blockedRequests).toEqual([]);
  expect(app.electron.openedPaths).toEqual([]);
});
