import type { Page } from '@playwright/test';
import { body, choosePhoto, expect, expectSaved, field, test, writeRelease } from '../support/fixtures';

const writeDated = (app: Page, headline: string, text: string) => writeRelease(app, { headline, date: '2026-09-26', text });

const rows = (app: Page) =>
  app
    .getByRole('table')
    .getByRole('row')
    .filter({ has: app.getByRole('rowheader') });
const releasesView = (app: Page) => app.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();

test('the list shows every release, newest first, with its details', async ({ app }) => {
  await writeDated(app, 'Ministry confirms ferry timetable', 'Ferries run hourly from Monday.');
  await writeDated(app, 'Museum reopens its east wing', 'The wing closed for two years.');
  await releasesView(app);
  await expect(rows(app)).toHaveCount(2);
  await expect(rows(app).nth(0)).toContainText('Museum reopens its east wing');
  await expect(rows(app).nth(0)).toContainText('Draft');
  await expect(rows(app).nth(0)).toContainText('September 26, 2026');
  await expect(rows(app).nth(0)).toContainText('Amal Haddad');
  await expect(rows(app).nth(1)).toContainText('Ministry confirms ferry timetable');
});

test('search finds releases by headline, body text and caption', async ({ app }) => {
  await writeDated(app, 'Ministry confirms ferry timetable', 'Ferries run hourly from Monday.');
  await choosePhoto(app, 'Add photo', 'e2e/fixtures/field.webp');
  await app.getByRole('region', { name: 'Lead photo' }).getByLabel('Caption').fill('Wheat harvest near the northern terminal');
  await expectSaved(app);
  await writeDated(app, 'Museum reopens its east wing', 'The wing closed for two years of restoration.');
  await releasesView(app);

  const search = app.getByRole('searchbox', { name: 'Search releases' });
  await search.fill('restor');
  await expect(rows(app)).toHaveText([/Museum reopens/]);
  await search.fill('harvest');
  await expect(rows(app)).toHaveText([/ferry timetable/]);
  await search.fill('hourly monday');
  await expect(rows(app)).toHaveText([/ferry timetable/]);
  await search.fill('submarine');
  await expect(app.getByText('No releases match “submarine”.')).toBeVisible();
  await search.fill('');
  await expect(rows(app)).toHaveCount(2);
});

test('move to trash and restore, with nothing lost', async ({ app }) => {
  await writeDated(app, 'Statement on the harbour fire', 'No one was hurt.');
  await releasesView(app);
  await rows(app).filter({ hasText: 'harbour fire' }).getByRole('button', { name: 'Move to trash' }).click();
  await expect(app.getByText('No releases yet.')).toBeVisible();

  await app.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
  await expect(rows(app)).toHaveText([/Statement on the harbour fire/]);
  await rows(app).getByRole('button', { name: 'Restore' }).click();
  await expect(app.getByText('The trash is empty.', { exact: false })).toBeVisible();

  await releasesView(app);
  await rows(app).getByRole('link', { name: 'Statement on the harbour fire' }).click();
  await expect(body(app)).toHaveText('September 26, 2026 — No one was hurt.');
});

test('duplicate makes an independent copy', async ({ app }) => {
  await writeDated(app, 'Quarterly figures', 'Revenue rose four per cent.');
  await releasesView(app);
  await rows(app).getByRole('button', { name: 'Duplicate' }).click();
  await expect(field(app, 'Headline')).toHaveValue('Quarterly figures');
  await field(app, 'Headline').fill('Quarterly figures, revised');
  await expectSaved(app);
  await releasesView(app);
  await expect(rows(app)).toHaveText([/Quarterly figures, revised/, /^Quarterly figures(?!, revised)/]);
});

test('keyboard: Ctrl+N starts a release, Ctrl+F searches', async ({ app }) => {
  await app.keyboard.press('ControlOrMeta+n');
  await expect(field(app, 'Headline')).toBeVisible();
  await field(app, 'Headline').fill('Made from the keyboard');
  await expectSaved(app);
  await app.keyboard.press('ControlOrMeta+f');
  await expect(app.getByRole('searchbox', { name: 'Search releases' })).toBeFocused();
  await app.keyboard.type('keyboard');
  await expect(rows(app)).toHaveText([/Made from the keyboard/]);
});
