import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { draftMark } from '@shared/export/options';
import { cuttableLink } from '../../electron/testing/cuttable-link';
import { addTeamUser, serveTeam, type TeamServerProcess } from '../../electron/testing/team-server-process';
import { body, expect, expectSaved, field, newRelease, openAnotherTab, signIn, test } from '../support/fixtures';
import { makeDataDir, startHost, stopHost } from '../support/web-host';

/** Built by `npm run build` beside the browser-mode host, as the `dateline-server` bin ships it. */
const serverScript = join(import.meta.dirname, '../../dist/server/dateline-server.cjs');
const password = 'harbour lights at dawn';

async function signInToTeam(page: Page, address: string, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Team server' }).click();
  await page.getByLabel('Server address').fill(address);
  await page.getByLabel('Your name on the team server').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('main')).toContainText(`Signed in as ${name}`);
}

/** Fails the test on any error or warning in a page's console, as the app fixture does for the first tab. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  return problems;
}

test('a release made while signed in to a team is edited together: words typed before and after it became shared are kept, and two tabs see each other’s typing and caret', async ({
  app,
  host,
  context,
}) => {
  const data = makeDataDir();
  const added = addTeamUser(serverScript, data.dir, ['--name', 'Amal Haddad'], password);
  expect(added.status, added.stderr).toBe(0);
  const server = await serveTeam(serverScript, data.dir);
  try {
    await signInToTeam(app, server.url, 'Amal Haddad');

    // The first save makes the release the team's; typing goes on in its shared document without losing a word.
    await newRelease(app);
    await field(app, 'Headline').fill('Ferry timetable');
    await expectSaved(app);
    await field(app, 'Headline').press('End');
    await app.keyboard.type(' changes on Monday');
    await body(app).click();
    await app.keyboard.type('Ferries run every hour.');
    await expectSaved(app);
    await expect(field(app, 'Headline')).toHaveValue('Ferry timetable changes on Monday');
    await expect(app.locator('.sync-status')).toHaveText('Synced', { timeout: 30_000 });

    const other = await openAnotherTab(context, host, app);
    const otherProblems = watchConsole(other);
    await expect(field(other, 'Headline')).toHaveValue('Ferry timetable changes on Monday');
    await expect(body(other)).toHaveText('Ferries run every hour.');

    // Typing in one tab shows in the other, with a caret labelled with the typist's name where they are.
    await body(other).click();
    await other.keyboard.press('End');
    await other.keyboard.type(' From Monday, every half hour.');
    await expect(body(app)).toHaveText('Ferries run every hour. From Monday, every half hour.');
    await expect(app.locator('.collab-caret-name')).toHaveAttribute('data-person', 'Amal Haddad');

    // A plain field edited in the other tab changes here, and the text typed here is not moved or lost.
    await field(other, 'Headline').fill('Ferry timetable changes on Monday, 8 December');
    await expect(field(app, 'Headline')).toHaveValue('Ferry timetable changes on Monday, 8 December');

    // Undo in this tab takes back only what was typed here.
    await body(app).click();
    await app.keyboard.press('End');
    await app.keyboard.type(' Tickets are valid.');
    await expect(body(other)).toHaveText('Ferries run every hour. From Monday, every half hour. Tickets are valid.');
    await app.keyboard.press('Control+z');
    await expect(body(other)).toHaveText('Ferries run every hour. From Monday, every half hour.');
    await expectSaved(app);
    await expectSaved(other);

    // Both tabs' words are in the store, once.
    await other.reload();
    await expect(body(other)).toHaveText('Ferries run every hour. From Monday, every half hour.');
    expect(otherProblems).toEqual([]);
  } finally {
    server.child.kill();
    data.remove();
  }
});

/** A loopback port nothing listens on now, so a stopped team server can come back at the same address. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function stopServer(server: TeamServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill();
  });
}

type Person = 'Amal Haddad' | 'Omar Saleh';

/**
 * A team server with Amal (writer) and Omar (reviewer), and a browser-mode
 * Dateline for each on a data folder of its own, signed in to it. The server
 * can be stopped and started again at the same address.
 */
async function openOffice(browser: Browser, { amalThroughRelay = false } = {}) {
  const serverData = makeDataDir();
  for (const [name, role] of [
    ['Amal Haddad', 'writer'],
    ['Omar Saleh', 'reviewer'],
  ] as const)
    expect(addTeamUser(serverScript, serverData.dir, ['--name', name, '--role', role], password).status).toBe(0);
  const port = await freePort();
  let server = await serveTeam(serverScript, serverData.dir, ['--port', String(port)]);
  // Amal's Dateline may reach the server through a relay the test cuts, so that only she is offline.
  const relay = amalThroughRelay ? await cuttableLink(server.url) : null;
  const desks = await Promise.all(
    (['Amal Haddad', 'Omar Saleh'] as const).map(async (name: Person) => {
      const data = makeDataDir();
      const host = await startHost(data.dir);
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
      const page = await context.newPage();
      const problems = watchConsole(page);
      await page.goto(host.url);
      await signIn(page, name);
      await signInToTeam(page, name === 'Amal Haddad' && relay ? relay.url : server.url, name);
      return { name, page, problems, close: async () => (await context.close(), await stopHost(host), data.remove()) };
    }),
  );
  return {
    amal: desks[0]!.page,
    omar: desks[1]!.page,
    stopServer: () => stopServer(server),
    startServer: async () => {
      server = await serveTeam(serverScript, serverData.dir, ['--port', String(port)]);
    },
    cutAmalOff: () => relay!.cut(),
    reconnectAmal: () => relay!.mend(),
    expectQuietConsoles: () => desks.forEach((desk) => expect(desk.problems, `${desk.name}'s page console`).toEqual([])),
    close: async () => {
      await relay?.close();
      await stopServer(server);
      for (const desk of desks) await desk.close();
      serverData.remove();
    },
  };
}

/** Opens a release from a list once this Dateline has heard of it from the server (it asks again every few seconds). */
async function openWhenListed(page: Page, list: 'Releases' | 'Review queue', headline: string): Promise<void> {
  await page
    .getByRole('navigation')
    .getByRole('link', { name: new RegExp(`^${list}`) })
    .click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('link', { name: headline })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await page.getByRole('link', { name: headline }).click();
}

/** The open release's state badge once the server's word has reached this Dateline (it is asked again on each reload). */
async function expectState(page: Page, state: string): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(page.locator('.editor-header .badge')).toHaveText(state, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
}

test('two people on two Datelines write one release together, see each other’s caret and typing, and words typed while the server was down arrive once it is back', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const office = await openOffice(browser);
  const { amal, omar } = office;
  try {
    await newRelease(amal);
    await field(amal, 'Headline').fill('Ferry timetable changes on Monday');
    await body(amal).click();
    await amal.keyboard.type('Ferries run every hour.');
    await expectSaved(amal);
    await expect(amal.locator('.sync-status')).toHaveText('Synced', { timeout: 30_000 });

    // Omar's Dateline learns of the release from the server and opens it with Amal's words.
    await openWhenListed(omar, 'Releases', 'Ferry timetable changes on Monday');
    await expect(body(omar)).toHaveText('Ferries run every hour.');

    // Each sees the other's typing, and the other's caret with their name.
    await body(omar).click();
    await omar.keyboard.press('Control+End');
    await omar.keyboard.type(' Tickets stay valid.');
    await expect(body(amal)).toHaveText('Ferries run every hour. Tickets stay valid.');
    await expect(amal.locator('.collab-caret-name')).toHaveAttribute('data-person', 'Omar Saleh');
    await body(amal).click();
    await amal.keyboard.press('Control+Home');
    await amal.keyboard.type('From Monday: ');
    await expect(body(omar)).toHaveText('From Monday: Ferries run every hour. Tickets stay valid.');
    await expect(omar.locator('.collab-caret-name')).toHaveAttribute('data-person', 'Amal Haddad');
    // Each in a colour of their own, the same on every desktop.
    const caretColour = (page: Page) => page.locator('.collab-caret').evaluate((caret) => getComputedStyle(caret).borderInlineStartColor);
    expect(await caretColour(amal)).not.toBe(await caretColour(omar));

    // The server goes away: Amal keeps writing, and her status says how much waits.
    await office.stopServer();
    await expect(amal.locator('.sync-status')).toHaveText(/^Offline/, { timeout: 30_000 });
    await amal.keyboard.press('Control+End');
    await amal.keyboard.type(' Return fares are unchanged.');
    await expectSaved(amal);
    await expect(amal.locator('.sync-status')).toHaveText(/^Offline — \d+ changes? waiting$/);

    // Back at the same address: the words typed offline reach Omar, none lost or doubled.
    await office.startServer();
    await expect(amal.locator('.sync-status')).toHaveText('Synced', { timeout: 60_000 });
    await expect(body(omar)).toHaveText('From Monday: Ferries run every hour. Tickets stay valid. Return fares are unchanged.', {
      timeout: 30_000,
    });
    office.expectQuietConsoles();
  } finally {
    await office.close();
  }
});

test('review across two Datelines: submitted, commented inline and sent back, fixed offline, approved by the other person, and exported as final with the signed approval', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const office = await openOffice(browser);
  const { amal, omar } = office;
  try {
    await newRelease(amal);
    await field(amal, 'Headline').fill('Ferry service resumes');
    await field(amal, 'Dateline city').fill('Muscat');
    await field(amal, 'Dateline date').fill('2026-12-07');
    await body(amal).click();
    await amal.keyboard.type('The port reopens on Monday.');
    await amal.keyboard.press('Enter');
    await amal.keyboard.type('Ferries will run every hour.');
    await expectSaved(amal);
    await expect(amal.locator('.sync-status')).toHaveText('Synced', { timeout: 30_000 });
    await amal.getByRole('button', { name: 'Submit for review' }).click();
    await amal.getByRole('button', { name: 'Submit anyway' }).click();
    await expect(amal.locator('.editor-header .badge')).toHaveText('In review');
    await expect(field(amal, 'Headline')).not.toBeEditable();

    // Omar finds it in his review queue, comments on a sentence and sends it back.
    await openWhenListed(omar, 'Review queue', 'Ferry service resumes');
    await expect(body(omar)).toContainText('Ferries will run every hour.');
    await expect(field(omar, 'Headline')).not.toBeEditable();
    await body(omar).locator('p').nth(1).selectText();
    await omar.getByRole('button', { name: 'Comment on selection' }).click();
    await omar.getByLabel('Comment', { exact: true }).fill('Say from which pier.');
    await omar.getByRole('button', { name: 'Add comment' }).click();
    await expect(omar.getByRole('tabpanel')).toContainText('“Ferries will run every hour.”');
    await omar.getByRole('button', { name: 'Request changes' }).click();
    await omar.getByLabel('What needs to change').fill('See the comment on the ferries.');
    await omar.getByRole('dialog').getByRole('button', { name: 'Request changes' }).click();
    await expect(omar.locator('.editor-header .badge')).toHaveText('Changes requested');

    // Amal sees it come back with the comment, and fixes it while the server is down.
    await expectState(amal, 'Changes requested');
    await amal.getByRole('tab', { name: 'Review' }).click();
    await expect(amal.getByRole('tabpanel')).toContainText('Say from which pier.');
    await office.stopServer();
    await expect(amal.locator('.sync-status')).toHaveText(/^Offline/, { timeout: 30_000 });
    await body(amal).locator('p').nth(1).click();
    await amal.keyboard.press('End');
    await amal.keyboard.press('Backspace');
    await amal.keyboard.type(' from the east pier.');
    await expectSaved(amal);
    await expect(amal.locator('.sync-status')).toHaveText(/^Offline — \d+ changes? waiting$/);

    // Back online, her fix reaches the server and she submits again.
    await office.startServer();
    await expect(amal.locator('.sync-status')).toHaveText('Synced', { timeout: 60_000 });
    await amal.getByRole('button', { name: 'Submit for review' }).click();
    await amal.getByRole('button', { name: 'Submit anyway' }).click();
    await expect(amal.locator('.editor-header .badge')).toHaveText('In review');

    // Omar, who changed nothing, approves; the server signs it.
    await expectState(omar, 'In review');
    await expect(body(omar)).toContainText('Ferries will run every hour from the east pier.');
    await omar.getByRole('button', { name: 'Approve' }).click();
    await expect(omar.locator('.editor-header .badge')).toHaveText('Approved');
    await expect(omar.getByText(/^Approved by Omar Saleh at /)).toBeVisible();

    // Amal's final export passes only with the server's signed approval of exactly this text.
    await expectState(amal, 'Approved');
    await amal.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = amal.getByRole('dialog', { name: 'Export' });
    await expect(dialog).toContainText('This release is approved');
    await dialog.getByRole('radio', { name: 'HTML', exact: true }).check();
    const download = amal.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const html = readFileSync(await (await download).path(), 'utf8');
    expect(html).toContain('<h1>Ferry service resumes</h1>');
    expect(html).toContain('Ferries will run every hour from the east pier.');
    expect(html).not.toContain(draftMark);
    await expect(amal.locator('.editor-header .badge')).toHaveText('Released');
    office.expectQuietConsoles();
  } finally {
    await office.close();
  }
});

test('words typed offline in a release that went into review meanwhile are kept as a new draft, and the person is told', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const office = await openOffice(browser, { amalThroughRelay: true });
  const { amal, omar } = office;
  // The body starts with the dateline, drawn from its fields.
  const leadIn = 'SOHAR, December 7, 2026 — ';
  try {
    await newRelease(amal);
    await field(amal, 'Headline').fill('Harbour works');
    await field(amal, 'Dateline city').fill('Sohar');
    await field(amal, 'Dateline date').fill('2026-12-07');
    await body(amal).click();
    await amal.keyboard.type('The north quay closes for repairs.');
    await expectSaved(amal);
    await expect(amal.locator('.sync-status')).toHaveText('Synced', { timeout: 30_000 });
    await openWhenListed(omar, 'Releases', 'Harbour works');
    await expect(body(omar)).toHaveText(`${leadIn}The north quay closes for repairs.`);

    // Amal loses the server and keeps writing; meanwhile Omar submits the release as it stands on the server.
    await office.cutAmalOff();
    await expect(amal.locator('.sync-status')).toHaveText(/^Offline/, { timeout: 30_000 });
    await body(amal).click();
    await amal.keyboard.press('Control+End');
    await amal.keyboard.type(' Boats use the south quay.');
    await expectSaved(amal);
    await omar.getByRole('button', { name: 'Submit for review' }).click();
    await omar.getByRole('button', { name: 'Submit anyway' }).click();
    await expect(omar.locator('.editor-header .badge')).toHaveText('In review');

    // Back online, her words are not dropped: they are a new draft of hers, and she is told its name.
    await office.reconnectAmal();
    await expect(amal.getByRole('alert')).toContainText('your edits were kept as a new draft, “Harbour works (your offline edits)”', {
      timeout: 60_000,
    });
    await openWhenListed(amal, 'Releases', 'Harbour works (your offline edits)');
    await expect(body(amal)).toHaveText(`${leadIn}The north quay closes for repairs. Boats use the south quay.`);
    // The release in review is as it was submitted.
    await expect(body(omar)).toHaveText(`${leadIn}The north quay closes for repairs.`);
    office.expectQuietConsoles();
  } finally {
    await office.close();
  }
});
