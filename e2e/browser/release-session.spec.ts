import type { Page } from '@playwright/test';
import { body, expect, expectSaved, field, newRelease, test, writeRelease, openAnotherTab } from '../support/fixtures';

const badge = (app: Page) => app.locator('.editor-header .badge');

test('a workflow action keeps the editor: after Submit and Recall, Undo still takes back what was typed', async ({ app }) => {
  await writeRelease(app, { headline: 'Ferry timetable', city: 'Muscat', date: '2026-12-05', text: 'Ferries run hourly.' });
  await body(app).click();
  await app.keyboard.press('End');
  await app.keyboard.type(' Tickets are free.');
  await expectSaved(app);

  await app.getByRole('button', { name: 'Submit for review' }).click();
  await app.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(badge(app)).toHaveText('In review');
  await app.getByRole('button', { name: 'Recall to draft' }).click();
  await expect(badge(app)).toHaveText('Draft');

  await body(app).click();
  await app.keyboard.press('ControlOrMeta+z');
  await expect(body(app)).not.toContainText('Tickets are free.');
  await app.keyboard.press('ControlOrMeta+Shift+z');
  await expect(body(app)).toContainText('Ferries run hourly. Tickets are free.');
  await expectSaved(app);
});

test('leaving after a failed save asks first, and the words reach the store once saving works again', async ({ app }) => {
  await writeRelease(app, { headline: 'Budget statement', text: 'The council met.' });
  await app.route('**/api/saveRelease', (route) => route.abort('connectionrefused'));
  await body(app).click();
  await app.keyboard.press('End');
  await app.keyboard.type(' It agreed the budget.');
  await expect(app.getByRole('status')).toHaveText(/^Save failed/);

  await app.getByRole('link', { name: '← Releases' }).click();
  const dialog = app.getByRole('dialog', { name: 'Your latest changes are not saved' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(dialog).toBeHidden();
  await expect(app).toHaveURL(/#\/release\/[0-9a-f-]{36}$/);
  await expect(body(app)).toHaveText('The council met. It agreed the budget.');

  await app.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();
  await expect(dialog).toBeVisible();
  await app.unroute('**/api/saveRelease');
  await dialog.getByRole('button', { name: 'Try saving again' }).click();
  await expect(app).toHaveURL(/#\/releases$/);
  await app.getByRole('link', { name: 'Budget statement' }).click();
  await expect(body(app)).toHaveText('The council met. It agreed the budget.');
});

test('leaving with a conflict offers to keep my words as a copy', async ({ app, context, host }) => {
  await writeRelease(app, { headline: 'Original headline', text: 'First words.' });
  const other = await openAnotherTab(context, host, app);
  await field(other, 'Headline').fill('Their headline');
  await expectSaved(other);

  await field(app, 'Headline').fill('My headline');
  await expect(app.getByRole('status')).toHaveText(/^Not saved\./);
  await app.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();
  const dialog = app.getByRole('dialog', { name: 'Your latest changes are not saved' });
  await dialog.getByRole('button', { name: 'Save mine as a copy' }).click();
  await expect(app).toHaveURL(/#\/releases$/);
  await expect(app.getByRole('link', { name: 'My headline' })).toBeVisible();
  await expect(app.getByRole('link', { name: 'Their headline' })).toBeVisible();
});

test('New release leaves nothing behind when nothing was typed', async ({ app }) => {
  await newRelease(app);
  await expect(app.getByRole('button', { name: 'Export' })).toBeDisabled();
  await app.getByRole('link', { name: '← Releases' }).click();
  await expect(app.getByText('No releases yet.')).toBeVisible();

  // The first words create it, under the same editor: the address gets its id and typing goes on.
  await newRelease(app);
  await field(app, 'Headline').fill('Harbour reopens');
  await expectSaved(app);
  await expect(app).toHaveURL(/#\/release\/[0-9a-f-]{36}$/);
  await field(app, 'Headline').press('ControlOrMeta+z');
  await expect(field(app, 'Headline')).toHaveValue('');
});

test('Stay after Back keeps the history as it was: the release is still its own entry, and Back again still leads to the list', async ({
  app,
}) => {
  const id = await writeRelease(app, { headline: 'Budget statement', text: 'The council met.' });
  await app.route('**/api/saveRelease', (route) => route.abort('connectionrefused'));
  await body(app).click();
  await app.keyboard.type(' It agreed the budget.');
  await expect(app.getByRole('status')).toHaveText(/^Save failed/);

  const dialog = app.getByRole('dialog', { name: 'Your latest changes are not saved' });
  await app.goBack();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(app).toHaveURL(new RegExp(`#/release/${id}$`));
  await expect(body(app)).toContainText('It agreed the budget.');

  // The list's entry is still behind the release's, so Back asks again rather than leaving Dateline.
  await app.goBack();
  await dialog.getByRole('button', { name: 'Leave without saving' }).click();
  // The list's entry is the address the app opened on, with no view in it.
  await expect(app).toHaveURL(/:\d+\/(#\/releases)?$/);
  await expect(app.getByRole('link', { name: 'Budget statement' })).toBeVisible();
});

test('Back while a new release’s first save is on its way lands on the list, and Forward opens the release by its id', async ({ app }) => {
  let letSaveThrough!: () => void;
  const backPressed = new Promise<void>((resolve) => (letSaveThrough = resolve));
  await app.route('**/api/createRelease', async (route) => {
    await backPressed;
    await route.continue();
  });
  await newRelease(app);
  await field(app, 'Headline').fill('Harbour reopens');
  await expect(app.getByRole('status')).toHaveText('Saving…');

  const back = app.goBack();
  letSaveThrough();
  await back;
  // The list's entry is the address the app opened on, with no view in it.
  await expect(app).toHaveURL(/:\d+\/(#\/releases)?$/);
  await expect(app.getByRole('link', { name: 'Harbour reopens' })).toBeVisible();

  await app.goForward();
  await expect(app).toHaveURL(/#\/release\/[0-9a-f-]{36}$/);
  await expect(field(app, 'Headline')).toHaveValue('Harbour reopens');
});
