import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { addTeamUser, serveTeam, type TeamServerProcess } from '../../electron/testing/team-server-process';
import { body, expect, expectSaved, field, newRelease, openAnotherTab, signIn, test } from '../support/fixtures';
import { makeDataDir, startHost, stopHost } from '../support/web-host';

/** Built by `npm run build` beside the browser-mode host, as the `dateline-server` bin ships it. */
const serverScript = join(import.meta.dirname, '../../dist/server/dateline-server.cjs');
const password = 'harbour lights at dawn';

async function signInToTeam(page: Page, server: TeamServerProcess, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Team server' }).click();
  await page.getByLabel('Server address').fill(server.url);
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
    await signInToTeam(app, server, 'Amal Haddad');

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

test('two people on two Datelines write one release together, see each other’s caret and typing, and words typed while the server was down arrive once it is back', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const serverData = makeDataDir();
  for (const [name, role] of [
    ['Amal Haddad', 'writer'],
    ['Omar Saleh', 'reviewer'],
  ])
    expect(addTeamUser(serverScript, serverData.dir, ['--name', name!, '--role', role!], password).status).toBe(0);
  const port = await freePort();
  let server = await serveTeam(serverScript, serverData.dir, ['--port', String(port)]);
  const desks = await Promise.all(
    ['Amal Haddad', 'Omar Saleh'].map(async (name) => {
      const data = makeDataDir();
      const host = await startHost(data.dir);
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      const page = await context.newPage();
      const problems = watchConsole(page);
      await page.goto(host.url);
      await signIn(page, name);
      await signInToTeam(page, server, name);
      return { name, page, problems, close: async () => (await context.close(), await stopHost(host), data.remove()) };
    }),
  );
  const [amal, omar] = desks.map((desk) => desk.page) as [Page, Page];
  try {
    await newRelease(amal);
    await field(amal, 'Headline').fill('Ferry timetable changes on Monday');
    await body(amal).click();
    await amal.keyboard.type('Ferries run every hour.');
    await expectSaved(amal);
    await expect(amal.locator('.sync-status')).toHaveText('Synced', { timeout: 30_000 });

    // Omar's Dateline learns of the release from the server and opens it with Amal's words.
    await omar.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();
    await expect(async () => {
      await omar.reload();
      await expect(omar.getByRole('link', { name: 'Ferry timetable changes on Monday' })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 45_000 });
    await omar.getByRole('link', { name: 'Ferry timetable changes on Monday' }).click();
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

    // The server goes away: Amal keeps writing, and her status says how much waits.
    await stopServer(server);
    await expect(amal.locator('.sync-status')).toHaveText(/^Offline/, { timeout: 30_000 });
    await amal.keyboard.press('Control+End');
    await amal.keyboard.type(' Return fares are unchanged.');
    await expectSaved(amal);
    await expect(amal.locator('.sync-status')).toHaveText(/^Offline — \d+ changes? waiting$/);
    await expect(amal.getByRole('button', { name: 'Approve' })).toHaveCount(0);

    // Back at the same address: the words typed offline reach Omar, none lost or doubled.
    server = await serveTeam(serverScript, serverData.dir, ['--port', String(port)]);
    await expect(amal.locator('.sync-status')).toHaveText('Synced', { timeout: 60_000 });
    await expect(body(omar)).toHaveText('From Monday: Ferries run every hour. Tickets stay valid. Return fares are unchanged.', {
      timeout: 30_000,
    });
    for (const desk of desks) expect(desk.problems, `${desk.name}'s page console`).toEqual([]);
  } finally {
    await stopServer(server);
    for (const desk of desks) await desk.close();
    serverData.remove();
  }
});
