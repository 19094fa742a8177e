import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from '@playwright/test';
import { draftMark } from '@shared/export/options';
import { body, choosePhoto, expectSaved, field, signIn, writeRelease } from '../support/fixtures';
import { expect, invoke, test } from './support';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures', name);

async function openRelease(page: Page, headline: string): Promise<void> {
  await page.getByRole('link', { name: headline }).click();
  await expect(field(page, 'Headline')).toHaveValue(headline);
}

interface Release {
  id: string;
  version: number;
  status: string;
}

/** A reviewer approves the open release through the same bridge the renderer uses, then the writer is back at the keyboard. */
async function approveAsReviewer(page: Page, id: string): Promise<void> {
  const writer = (await invoke<{ person: { id: number } }>(page, 'getSession')).value.person;
  const reviewer = (await invoke<{ id: number }>(page, 'addPerson', { name: 'Badr Saleh', role: 'reviewer' })).value;
  let release = (await invoke<Release>(page, 'getRelease', { id })).value;
  release = (await invoke<Release>(page, 'transitionRelease', { id, action: 'submit', baseVersion: release.version })).value;
  await invoke(page, 'switchPerson', { personId: reviewer.id });
  expect((await invoke(page, 'transitionRelease', { id, action: 'approve', baseVersion: release.version })).ok).toBe(true);
  await invoke(page, 'switchPerson', { personId: writer.id });
}

/** A new release with a headline and body text typed and not waited on: saving what is left is up to the app. */
async function typeRelease(page: Page, headline: string, text: string): Promise<void> {
  await page.getByRole('button', { name: 'New release' }).click();
  await field(page, 'Headline').fill(headline);
  await body(page).click();
  await page.keyboard.type(text);
}

const releaseIdOf = (page: Page) => new URL(page.url()).hash.slice('#/release/'.length);

test('first run, a release with a photo saved over IPC, typing kept through a quit and a restart', async ({ launch }) => {
  const app = launch();
  const page = await app.firstWindow();
  // The preload exposed only its raw, frozen bridge; the page has no Node.
  expect(await page.evaluate(() => Object.keys(window.dateline ?? {}))).toEqual(['invoke', 'onMenuCommand', 'onFlushRequest']);
  expect(await page.evaluate(() => Object.isFrozen(window.dateline))).toBe(true);
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  await signIn(page, 'Amal Haddad');

  await app.menu.click('New Release');
  await expect(page).toHaveURL(/#\/release\//);
  await field(page, 'Headline').fill('Written in the desktop app');
  await choosePhoto(page, 'Add photo', fixture('harbour.jpg'));
  const lead = page.getByRole('region', { name: 'Lead photo' });
  await expect(lead.locator('img')).toHaveJSProperty('naturalWidth', 1200);
  await lead.getByLabel('Caption').fill('The first vessel berths');
  await body(page).click();
  await page.keyboard.type('Saved by the main process.');
  await expectSaved(page);

  // Typing, then a quit at once: the quit waits for the window to write it.
  await page.keyboard.type(' Typed just before quitting.');
  expect(await app.quitFromMenu()).toBe(0);
  expect(app.electron.events.slice(-3)).toEqual(['before-quit', 'will-quit', 'quit']);
  expect(app.electron.errorBoxes).toEqual([]);

  const again = launch();
  const page2 = await again.firstWindow();
  await openRelease(page2, 'Written in the desktop app');
  await expect(body(page2)).toHaveText('Saved by the main process. Typed just before quitting.');
  await expect(page2.getByRole('region', { name: 'Lead photo' }).getByLabel('Caption')).toHaveValue('The first vessel berths');
  await expect(page2.getByRole('region', { name: 'Lead photo' }).locator('img')).toHaveJSProperty('naturalWidth', 1200);
  // Nothing was fetched from anywhere but the app itself.
  expect([...app.electron.blockedRequests, ...again.electron.blockedRequests]).toEqual([]);
});

test('macOS: Cmd+Q saves what was typed and quits; closing the window keeps the app, and New Release opens one', async ({ launch }) => {
  const app = launch({ platform: 'darwin' });
  const page = await app.firstWindow();
  await signIn(page, 'Amal Haddad');
  await typeRelease(page, 'Quit on a Mac', 'Nothing is lost on Cmd+Q.');
  // Cmd+Q is the app menu's Quit: the whole app ends, not just the window, once the window has saved.
  expect(app.menu.find('quit')?.role).toBe('quit');
  expect(await app.quitFromMenu()).toBe(0);
  expect(app.electron.events).not.toContain('quit-cancelled');

  const again = launch({ platform: 'darwin' });
  const page2 = await again.firstWindow();
  await openRelease(page2, 'Quit on a Mac');
  await expect(body(page2)).toHaveText('Nothing is lost on Cmd+Q.');

  // The window's close button: the app stays running with no window, as Mac apps do.
  await again.closeWindow();
  await expect.poll(() => again.electron.windows.length).toBe(0);
  expect(again.electron.isRunning).toBe(true);
  expect(again.electron.events).toContain('window-all-closed');
  // New Release from the menu bar with no window open opens one, with a new release in it.
  await again.menu.click('New Release');
  const reopened = await again.firstWindow();
  await expect(reopened).toHaveURL(/#\/release\//);
  await expect(field(reopened, 'Headline')).toHaveValue('');
  expect(await again.quitFromMenu()).toBe(0);
});

test('Linux and Windows: closing the last window saves and quits the app', async ({ launch, dataDir }) => {
  const app = launch({ platform: 'win32' });
  const page = await app.firstWindow();
  await signIn(page, 'Amal Haddad');
  await typeRelease(page, 'Closed on Windows', 'Typed, then the window closed.');
  await app.closeWindow();
  expect(await app.exited()).toBe(0);
  // The window answered that its work was written; it was not closed because main stopped waiting.
  expect(readFileSync(join(dataDir, 'logs', 'dateline.log'), 'utf8')).not.toContain('did not confirm its last save');

  const page2 = await launch({ platform: 'win32' }).firstWindow();
  await openRelease(page2, 'Closed on Windows');
  await expect(body(page2)).toHaveText('Typed, then the window closed.');
});

test('closing with words that cannot be saved asks first; Stay keeps the window, a copy keeps the words', async ({ launch }) => {
  const app = launch({ platform: 'win32' });
  const page = await app.firstWindow();
  await signIn(page, 'Amal Haddad');
  await writeRelease(page, { headline: 'Original headline', text: 'First words.' });
  // Someone else saves a newer version, so this window's next words cannot be written over it.
  const id = releaseIdOf(page);
  const stored = (await invoke<Release & { content: { headline: string } }>(page, 'getRelease', { id })).value;
  const newer = { ...stored.content, headline: 'Their headline' };
  expect((await invoke(page, 'saveRelease', { id, baseVersion: stored.version, content: newer })).ok).toBe(true);
  await field(page, 'Headline').fill('My headline');
  await expect(page.getByRole('status')).toHaveText(/^Not saved\./);

  const asked = page.getByRole('dialog', { name: 'Your latest changes are not saved' });
  await app.closeWindow();
  await asked.getByRole('button', { name: 'Stay' }).click();
  await expect(asked).toBeHidden();
  await expect(field(page, 'Headline')).toHaveValue('My headline');
  expect(page.isClosed()).toBe(false);

  await app.closeWindow();
  await asked.getByRole('button', { name: 'Save mine as a copy' }).click();
  expect(await app.exited()).toBe(0);

  const page2 = await launch({ platform: 'win32' }).firstWindow();
  await expect(page2.getByRole('link', { name: 'My headline' })).toBeVisible();
  await expect(page2.getByRole('link', { name: 'Their headline' })).toBeVisible();
});

test('export through the save dialog: cancelling changes nothing; a final export is recorded after the file is written', async ({
  launch,
  dataDir,
}) => {
  const app = launch();
  const page = await app.firstWindow();
  await signIn(page, 'Amal Haddad');
  const id = await writeRelease(page, {
    headline: 'Ferry service resumes',
    city: 'Muscat',
    date: '2026-10-15',
    text: 'Ferries run every hour from Monday.',
  });

  // A draft, as plain text, where the dialog says.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: 'Plain text' }).check();
  const draftPath = join(dataDir, 'ferry-draft.txt');
  app.electron.dialogs.save.push(draftPath);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText(`Saved ${draftPath}.`)).toBeVisible();
  expect(app.electron.dialogRequests.at(-1)).toEqual({ kind: 'save', defaultPath: 'ferry-service-resumes-2026-10-15-draft.txt' });
  expect(readFileSync(draftPath, 'utf8')).toBe(
    `${draftMark}\n\nFOR IMMEDIATE RELEASE\nFerry service resumes\n\nMUSCAT, October 15, 2026 — Ferries run every hour from Monday.\n\n###\n`,
  );
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Approved: a final export whose dialog is cancelled leaves it Approved, with nothing recorded.
  await approveAsReviewer(page, id);
  await page.reload();
  await expect(page.getByText(/Approved by Badr Saleh/)).toBeVisible();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await dialog.getByRole('radio', { name: 'HTML', exact: true }).check();
  app.electron.dialogs.save.push(null);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText('Not exported: no file was chosen, and nothing changed.')).toBeVisible();
  expect((await invoke<Release>(page, 'getRelease', { id })).value.status).toBe('approved');
  const finalExports = async () =>
    (
      await invoke<{ details: { final: boolean; sha256: string } }[]>(page, 'listActivity', { releaseId: id, action: 'export' })
    ).value.filter((entry) => entry.details.final);
  expect(await finalExports()).toEqual([]);

  // A write that fails (the folder is gone) says why and changes nothing either.
  app.electron.dialogs.save.push(join(dataDir, 'unplugged-stick', 'ferry.html'));
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByText(/Not exported: ferry\.html was not saved: that folder is no longer there/)).toBeVisible();
  expect((await invoke<Release>(page, 'getRelease', { id })).value.status).toBe('approved');
  expect(await finalExports()).toEqual([]);

  // Then written: Released, and the audit holds the SHA-256 of the bytes on disk.
  const finalPath = join(dataDir, 'ferry.html');
  app.electron.dialogs.save.push(finalPath);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Export' })).toBeHidden();
  await expect(page.getByText('Released', { exact: true }).first()).toBeVisible();
  const written = readFileSync(finalPath);
  expect(written.toString('utf8')).not.toContain(draftMark);
  expect((await finalExports()).map((entry) => entry.details.sha256)).toEqual([createHash('sha256').update(written).digest('hex')]);
});

test('PDF export and printing go through Chromium with the export’s own styles', async ({ launch, dataDir }) => {
  const app = launch({ localeCountryCode: 'US' });
  const page = await app.firstWindow();
  await signIn(page, 'Amal Haddad');
  await writeRelease(page, { headline: 'Harbour opens a second quay', text: 'Printed and saved as PDF.' });

  await app.menu.click('Export…');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: 'PDF' }).check();
  const pdfPath = join(dataDir, 'harbour.pdf');
  app.electron.dialogs.save.push(pdfPath);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText(`Saved ${pdfPath}.`)).toBeVisible();
  expect(app.electron.dialogRequests.at(-1)?.defaultPath).toBe('harbour-opens-a-second-quay-draft.pdf');
  const pdf = readFileSync(pdfPath);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // US Letter is 612 points wide.
  expect(pdf.toString('latin1')).toMatch(/MediaBox\s*\[0 0 612 792\]/);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // File → Print… prints the release as its HTML export: headline, body and the draft mark.
  await app.menu.click('Print…');
  await expect.poll(() => app.electron.printed.length).toBe(1);
  expect(app.electron.printed[0]).toContain('Harbour opens a second quay');
  expect(app.electron.printed[0]).toContain(draftMark);
  const printed = await invoke<{ details: { final: boolean } }[]>(page, 'listActivity', { releaseId: releaseIdOf(page), action: 'print' });
  expect(printed.value.map((entry) => entry.details.final)).toEqual([false]);
  // The hidden printing windows are gone.
  await expect.poll(() => app.electron.windows.length).toBe(1);
});

test('the window opens where it was left, maximised as it was', async ({ launch }) => {
  const app = launch();
  await app.firstWindow();
  const window = app.electron.windows[0]!;
  window.setBounds({ x: 140, y: 60, width: 1100, height: 760 });
  window.maximize();
  expect(await app.quitFromMenu()).toBe(0);

  const again = launch();
  await again.firstWindow();
  const reopened = again.electron.windows[0]!;
  expect(reopened.options).toMatchObject({ x: 140, y: 60, width: 1100, height: 760 });
  await expect.poll(() => reopened.isMaximized()).toBe(true);
});

test('a second launch on the same data brings the first window forward and ends itself', async ({ launch }) => {
  const first = launch();
  await first.firstWindow();
  first.electron.focused = null;
  const second = launch();
  expect(await second.exited()).toBe(0);
  expect(second.electron.windows).toHaveLength(0);
  expect(first.electron.isRunning).toBe(true);
  expect(first.electron.focused).toBe(first.electron.windows[0]);
});

test('a relative DATELINE_DATA_DIR is made absolute and created before Electron sees it', async ({ launch, dataDir }) => {
  const folder = join(dataDir, 'portable', 'data');
  const app = launch({ env: { DATELINE_DATA_DIR: relative(process.cwd(), folder) } });
  const page = await app.firstWindow();
  await signIn(page, 'Amal Haddad');
  expect(app.electron.errorBoxes).toEqual([]);
  expect((app.electron.app.getPath as (name: string) => string)('userData')).toBe(folder);
  expect(existsSync(join(folder, 'dateline.sqlite3'))).toBe(true);
});

test('Help: Open Log File opens a real log in the data folder; About is there too', async ({ launch, dataDir }) => {
  const app = launch();
  await app.firstWindow();
  await app.menu.click('Open Log File');
  const logFile = join(dataDir, 'logs', 'dateline.log');
  expect(app.electron.openedPaths).toEqual([logFile]);
  expect(readFileSync(logFile, 'utf8')).toMatch(/INFO\s+Dateline \S+ started/);
  await app.menu.click('Show Data Folder');
  expect(app.electron.openedPaths.at(-1)).toBe(dataDir);
  // Linux and Windows have About in the Help menu (macOS in the app menu).
  await app.menu.click('About Dateline');
  expect(app.electron.events).toContain('about-panel');
  expect(readdirSync(dataDir)).toContain('dateline.sqlite3');
});

test('Edit → Undo and Redo from the menu act on the body and on plain fields', async ({ launch }) => {
  const app = launch();
  const page = await app.firstWindow();
  await signIn(page, 'Amal Haddad');
  await page.getByRole('button', { name: 'New release' }).click();
  await body(page).click();
  await page.keyboard.type('Hello world');
  await expect(body(page)).toHaveText('Hello world');
  await app.menu.click('Undo');
  await expect(body(page)).not.toHaveText('Hello world');
  await app.menu.click('Redo');
  await expect(body(page)).toHaveText('Hello world');

  await field(page, 'Headline').click();
  await page.keyboard.type('Harbour');
  await app.menu.click('Undo');
  await expect(field(page, 'Headline')).not.toHaveValue('Harbour');
  await app.menu.click('Redo');
  await expect(field(page, 'Headline')).toHaveValue('Harbour');
});

test('macOS: Undo is the native role, which the body editor answers', async ({ launch }) => {
  const app = launch({ platform: 'darwin' });
  const page = await app.firstWindow();
  await signIn(page, 'Amal Haddad');
  await page.getByRole('button', { name: 'New release' }).click();
  await body(page).click();
  await page.keyboard.type('Hello world');
  expect(app.menu.find('undo')).toEqual({ role: 'undo' });
  await app.menu.click('undo');
  await expect(body(page)).not.toHaveText('Hello world');
});

test('spell checking is offline and follows the release’s language; the right-click menu offers suggestions', async ({ launch }) => {
  const app = launch();
  const page = await app.firstWindow();
  const session = app.electron.session;
  expect(session.dictionaryDownloadUrl).toBe('app://dateline/dictionaries/');
  expect(session.getSpellCheckerLanguages()).toEqual(['en-US', 'en-GB']);
  // The dictionaries are served by the app itself, under the lower-case name Chromium asks for.
  const dictionary = await page.evaluate(async () => {
    const response = await fetch('/dictionaries/en-us-10-2.bdic');
    return { status: response.status, magic: new TextDecoder().decode((await response.arrayBuffer()).slice(0, 4)) };
  });
  expect(dictionary).toEqual({ status: 200, magic: 'BDic' });

  await signIn(page, 'Amal Haddad');
  await page.getByRole('button', { name: 'New release' }).click();
  await field(page, 'Language').selectOption('ar');
  // Chromium has no Arabic dictionary on Windows and Linux: no false alarms on every Arabic word.
  await expect.poll(() => session.getSpellCheckerLanguages()).toEqual([]);
  await field(page, 'Language').selectOption('en');
  await expect.poll(() => session.getSpellCheckerLanguages()).toEqual(['en-US', 'en-GB']);

  const contents = app.electron.windows[0]!.webContents;
  contents.emit(
    'context-menu',
    {},
    {
      misspelledWord: 'recieve',
      dictionarySuggestions: ['receive', 'relieve'],
      isEditable: true,
      selectionText: '',
      editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true },
    },
  );
  const menu = app.electron.popups.at(-1)!;
  expect(menu.items.map((item) => item.label ?? item.role ?? item.type)).toEqual([
    'receive',
    'relieve',
    'Add to Dictionary',
    'separator',
    'cut',
    'copy',
    'paste',
    'separator',
    'selectAll',
  ]);
  expect(menu.items.filter((item) => item.role).map((item) => item.enabled)).toEqual([false, false, true, true]);
  menu.items.find((item) => item.label === 'Add to Dictionary')!.click!();
  expect(session.addedWords).toEqual(['recieve']);
});

test('a crashed window says what happened and how to carry on; a hung one offers to wait', async ({ launch, dataDir }) => {
  const app = launch();
  const page = await app.firstWindow();
  app.electron.windows[0]!.webContents.emit('unresponsive');
  await expect.poll(() => app.electron.messageBoxes.map((box) => box.message)).toEqual(['Dateline is not responding.']);
  expect(app.electron.messageBoxes[0]!.buttons).toEqual(['Wait', 'Reload']);
  expect(app.electron.isRunning).toBe(true);

  // The stand-in cannot bring a crashed Chromium page back (Playwright refuses to reload one), so this
  // takes the other button: Close Window, which on Linux then quits as the last window does.
  app.electron.dialogs.message.push(1);
  const cdp = await page.context().newCDPSession(page);
  void cdp.send('Page.crash').catch(() => undefined);
  await expect.poll(() => app.electron.messageBoxes.map((box) => box.message)).toContain('Dateline’s window stopped unexpectedly.');
  expect(app.electron.messageBoxes.at(-1)!.buttons).toEqual(['Reload', 'Close Window']);
  expect(await app.exited()).toBe(0);
  expect(readFileSync(join(dataDir, 'logs', 'dateline.log'), 'utf8')).toContain("The window's renderer is gone: crashed");
});

test('bulk export into a folder the person chose writes each file, then records it', async ({ launch, dataDir }) => {
  const app = launch();
  const page = await app.firstWindow();
  await signIn(page, 'Amal Haddad');
  for (const headline of ['Ferry notice one', 'Ferry notice two']) await writeRelease(page, { headline, text: 'Ferries run every hour.' });
  await page
    .getByRole('link', { name: /Releases/ })
    .first()
    .click();
  await page.getByRole('checkbox', { name: 'Select every release' }).check();
  await page.getByRole('button', { name: 'Export selected', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export 2 releases' });
  await dialog.getByRole('radio', { name: 'Plain text' }).check();
  const folder = join(dataDir, 'outbox');
  mkdirSync(folder);
  app.electron.dialogs.open.push([folder]);
  await dialog.getByRole('button', { name: 'Export to a folder…' }).click();
  await expect(dialog.getByLabel('Export summary')).toContainText(`Exported 2 of 2 to ${folder}.`);
  expect(readdirSync(folder).sort()).toEqual(['ferry-notice-one-draft.txt', 'ferry-notice-two-draft.txt']);

  // A folder the person did not choose is refused by the main process, whatever the page asks.
  const refused = await invoke(page, 'exportIntoFolder', {
    folder: dataDir,
    id: releaseIdOf(page) || (await invoke<{ id: string }[]>(page, 'listReleases', { view: 'active' })).value[0]!.id,
    format: 'txt',
    final: false,
  });
  expect(refused).toMatchObject({ ok: false, error: { kind: 'refused', message: 'Dateline can only write into a folder you chose.' } });
});
