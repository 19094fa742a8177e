import { join } from 'node:path';
import { addTeamUser, serveTeam } from '../../electron/testing/team-server-process';
import { expect, test } from '../support/fixtures';
import { makeDataDir } from '../support/web-host';

/** Built by `npm run build` beside the browser-mode host, as the `dateline-server` bin ships it. */
const serverScript = join(import.meta.dirname, '../../dist/server/dateline-server.cjs');
const password = 'harbour lights at dawn';

test('Team server: sign in from its view, the team name replaces the person switcher, and signing out gives it back', async ({ app }) => {
  const data = makeDataDir();
  const added = addTeamUser(serverScript, data.dir, ['--name', 'Layla Nasser', '--admin'], password);
  expect(added.status, added.stderr).toBe(0);
  const server = await serveTeam(serverScript, data.dir);
  try {
    const sidebar = app.getByRole('navigation');
    await sidebar.getByRole('link', { name: 'Team server' }).click();
    await expect(app.getByText('after a restart, sign in again')).toBeVisible();
    await app.getByLabel('Server address').fill(server.url);
    await app.getByLabel('Your name on the team server').fill('Layla Nasser');
    await app.getByLabel('Password', { exact: true }).fill('not the password');
    await app.getByRole('button', { name: 'Connect' }).click();
    await expect(app.getByRole('main').getByRole('alert')).toHaveText('Not signed in. That name and password do not match.');
    await expect(app.getByLabel('Current person')).toBeVisible();

    await app.getByLabel('Password', { exact: true }).fill(password);
    await app.getByRole('button', { name: 'Connect' }).click();
    await expect(app.getByRole('main')).toContainText(`Signed in as Layla Nasser (reviewer, administrator) on ${server.url}.`);
    await expect(sidebar.getByRole('link', { name: 'Layla Nasser (reviewer)' })).toBeVisible();
    await expect(app.getByLabel('Current person')).toHaveCount(0);

    await app.getByRole('button', { name: 'Sign out' }).click();
    await expect(app.getByRole('button', { name: 'Connect' })).toBeVisible();
    // The switcher is back, with the team person still the one at the keyboard until someone switches.
    await expect(app.getByLabel('Current person')).toHaveValue(/\d+/);
    await expect(app.getByLabel('Current person').locator('option:checked')).toHaveText('Layla Nasser (reviewer)');
  } finally {
    server.child.kill();
    data.remove();
  }
});

test('Team server: an administrator adds a person from its view and sees them on the team', async ({ app }) => {
  const data = makeDataDir();
  const added = addTeamUser(serverScript, data.dir, ['--name', 'Layla Nasser', '--admin'], password);
  expect(added.status, added.stderr).toBe(0);
  const server = await serveTeam(serverScript, data.dir);
  try {
    await app.getByRole('navigation').getByRole('link', { name: 'Team server' }).click();
    await app.getByLabel('Server address').fill(server.url);
    await app.getByLabel('Your name on the team server').fill('Layla Nasser');
    await app.getByLabel('Password', { exact: true }).fill(password);
    await app.getByRole('button', { name: 'Connect' }).click();

    const form = app.getByRole('form', { name: 'Add person to the team' });
    await form.getByLabel('Name', { exact: true }).fill('Samir Aziz');
    await form.getByLabel('Role', { exact: true }).selectOption('reviewer');
    await form.getByLabel('Initial password').fill('tide tables at noon');
    await form.getByRole('button', { name: 'Add person' }).click();

    const people = app.getByRole('region', { name: 'People on the team' });
    await expect(people.getByRole('rowheader', { name: 'Samir Aziz' })).toBeVisible();
    await expect(people.getByLabel('Role of Samir Aziz')).toHaveValue('reviewer');
    await expect(people.getByLabel('Samir Aziz is an administrator')).not.toBeChecked();
    await expect(form.getByLabel('Name', { exact: true })).toHaveValue('');

    // The server's own record shows the addition and the sign-in, with who did them.
    const record = app.getByRole('region', { name: 'Sign-ins and changes' });
    const addition = record.getByRole('row').filter({ hasText: 'Samir Aziz' });
    await expect(addition.getByRole('rowheader')).toHaveText('Layla Nasser');
    await expect(addition).toContainText('Added a person');
    await expect(record.getByRole('row').filter({ hasText: 'Signed in' }).first()).toContainText('Layla Nasser');
  } finally {
    server.child.kill();
    data.remove();
  }
});
