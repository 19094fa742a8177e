import type { Page } from '@playwright/test';
import { expect, test, writeRelease } from '../support/fixtures';

// The store refusing the connection is the one failure the fixture expects in the console.
const failLoading = (app: Page, method: string) => app.route(`**/api/${method}`, (route) => route.abort('connectionrefused'));
const failure = (app: Page, what: string) => app.getByRole('alert').filter({ hasText: `Could not load ${what}:` });

test('a release list that fails to load says why and offers a Retry that works once the store answers', async ({ app }) => {
  await writeRelease(app, { headline: 'Ferry service resumes', text: 'The port reopens on Monday.' });
  await failLoading(app, 'listReleases');
  await app.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();

  await expect(failure(app, 'the releases')).toContainText("Dateline's store could not be reached");
  await expect(app.getByText('No releases yet.')).toHaveCount(0);

  await app.unroute('**/api/listReleases');
  await failure(app, 'the releases').getByRole('button', { name: 'Retry' }).click();
  await expect(app.getByRole('link', { name: 'Ferry service resumes' })).toBeVisible();
  await expect(failure(app, 'the releases')).toHaveCount(0);
});

test('an Activity view that fails to load says so instead of "No activity matches", and Retry loads it', async ({ app }) => {
  await writeRelease(app, { headline: 'Ferry service resumes', text: 'The port reopens on Monday.' });
  await failLoading(app, 'listActivity');
  await app.getByRole('navigation').getByRole('link', { name: 'Activity' }).click();

  await expect(failure(app, 'the activity')).toContainText("Dateline's store could not be reached");
  await expect(app.getByText('No activity matches.')).toHaveCount(0);

  await app.unroute('**/api/listActivity');
  await failure(app, 'the activity').getByRole('button', { name: 'Retry' }).click();
  const activity = app.getByRole('region', { name: 'Activity' });
  await expect(activity.getByRole('link', { name: 'Ferry service resumes' }).first()).toBeVisible();
  await expect(failure(app, 'the activity')).toHaveCount(0);
});

test('the sidebar says when the review queue or the people to switch to cannot be loaded, and Retry loads them', async ({ app }) => {
  await app.getByRole('navigation').getByRole('link', { name: 'People' }).click();
  await app.getByLabel('Name', { exact: true }).fill('Rami Saleh');
  await app.getByRole('button', { name: 'Add person' }).click();
  await expect(app.getByRole('rowheader', { name: 'Rami Saleh' })).toBeVisible();

  await failLoading(app, 'reviewQueue');
  await failLoading(app, 'listPeople');
  await app.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
  const sidebar = app.getByRole('navigation', { name: 'Dateline' });
  // One reason, said once in the narrow sidebar, with one Retry for both.
  const bothFailed = failure(app, 'the review queue or everyone to switch to');
  await expect(bothFailed).toContainText("Dateline's store could not be reached");
  await expect(sidebar.getByRole('alert')).toHaveCount(1);
  await expect(sidebar.getByLabel('Current person').getByRole('option')).toHaveText(['Amal Haddad (writer)']);

  await app.unroute('**/api/reviewQueue');
  await app.unroute('**/api/listPeople');
  await bothFailed.getByRole('button', { name: 'Retry' }).click();
  await expect(sidebar.getByLabel('Current person').getByRole('option')).toHaveText(['Amal Haddad (writer)', 'Rami Saleh (writer)']);
  await expect(sidebar.getByRole('alert')).toHaveCount(0);
});

test('an action that fails says why in a notice and changes nothing, and works once the store answers', async ({ app }) => {
  await writeRelease(app, { headline: 'Ferry service resumes', text: 'The port reopens on Monday.' });
  await app.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();
  const row = app.getByRole('row').filter({ hasText: 'Ferry service resumes' });
  await app.route('**/api/trashRelease', (route) => route.abort('connectionrefused'));
  await row.getByRole('button', { name: 'Move to trash' }).click();

  await expect(app.getByRole('alert').filter({ hasText: "Dateline's store could not be reached" })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Move to trash' })).toBeEnabled();

  await app.unroute('**/api/trashRelease');
  await row.getByRole('button', { name: 'Move to trash' }).click();
  await expect(app.getByText('No releases yet.')).toBeVisible();
});
