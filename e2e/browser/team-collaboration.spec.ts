import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { addTeamUser, serveTeam, type TeamServerProcess } from '../../electron/testing/team-server-process';
import { body, expect, expectSaved, field, newRelease, openAnotherTab, test } from '../support/fixtures';
import { makeDataDir } from '../support/web-host';

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
    // Browser mode does not sync with the team server yet, so its edits wait here, and the status says so.
    await expect(app.locator('.sync-status')).toHaveText(/^(Synced|Offline)/);

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
