import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { body, choosePhoto, expect, expectSaved, field, newRelease, test, writeRelease } from '../support/fixtures';
import { startHost, stopHost } from '../support/web-host';

const switchTo = async (app: Page, name: string) => {
  await app.getByLabel('Current person').selectOption({ label: `${name} (${name === 'Badr Saleh' ? 'reviewer' : 'writer'})` });
  await expect(app.getByLabel('Current person')).toHaveValue(/\d+/);
  await expect(app.getByLabel('Current person').locator('option:checked')).toHaveText(new RegExp(name));
};
const badge = (app: Page) => app.locator('.editor-header .badge');
const openRelease = async (app: Page, headline: string) => {
  await app.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();
  await app.getByRole('link', { name: headline }).click();
};
const addReviewer = async (app: Page) => {
  await app.getByRole('link', { name: 'People' }).click();
  await app.getByLabel('Name', { exact: true }).fill('Badr Saleh');
  await app.getByLabel('Role', { exact: true }).selectOption('reviewer');
  await app.getByRole('button', { name: 'Add person' }).click();
  await expect(app.getByRole('rowheader', { name: 'Badr Saleh' })).toBeVisible();
};
const submit = async (app: Page) => {
  await app.getByRole('button', { name: 'Submit for review' }).click();
  await app.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(badge(app)).toHaveText('In review');
};

test('a writer and a reviewer take turns until the release is approved, and an edit undoes the approval', async ({ app }) => {
  // Amal (writer, from the first run) adds a reviewer.
  await addReviewer(app);

  // Amal writes a release whose photo has no credit.
  await newRelease(app);
  await field(app, 'Headline').fill('Ferry service resumes');
  await field(app, 'Dateline city').fill('Abu Dhabi');
  await field(app, 'Dateline date').fill('2026-12-01');
  await body(app).click();
  await app.keyboard.type('The port reopens on Monday.');
  await app.keyboard.press('Enter');
  await app.keyboard.type('Ferries will run every hour.');
  await choosePhoto(app, 'Add photo', 'e2e/fixtures/harbour.jpg');
  const lead = app.getByRole('region', { name: 'Lead photo' });
  await lead.getByLabel('Caption').fill('The ferry terminal');
  await lead.getByLabel('Alt text').fill('A ferry at the quay');
  await expectSaved(app);

  // The checklist blocks the missing credit and takes her to the field.
  await app.getByRole('button', { name: 'Submit for review' }).click();
  const checklist = app.getByRole('dialog', { name: 'Before it goes to review' });
  await expect(checklist).toContainText('To fix before review');
  await expect(app.getByRole('button', { name: 'Submit anyway' })).toHaveCount(0);
  await checklist.getByRole('button', { name: 'The lead photo has no credit.' }).click();
  await expect(lead.getByLabel('Credit')).toBeFocused();
  await lead.getByLabel('Credit').fill('Media Office');
  await expectSaved(app);
  await app.getByRole('button', { name: 'Submit for review' }).click();
  await expect(app.getByRole('dialog', { name: 'Before it goes to review' })).toContainText('There is no subheadline.');
  await app.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(badge(app)).toHaveText('In review');
  await expect(field(app, 'Headline')).not.toBeEditable();

  // Badr finds it in the review queue and requests changes with an inline comment.
  await switchTo(app, 'Badr Saleh');
  await expect(app.getByRole('link', { name: /Review queue/ })).toContainText('1');
  await app.getByRole('link', { name: /Review queue/ }).click();
  await expect(app.getByRole('row', { name: /Ferry service resumes/ })).toContainText('Amal Haddad');
  await app.getByRole('link', { name: 'Ferry service resumes' }).click();
  await expect(field(app, 'Headline')).not.toBeEditable();
  await body(app).locator('p').nth(1).selectText();
  await app.getByRole('button', { name: 'Comment on selection' }).click();
  await app.getByLabel('Comment', { exact: true }).fill('Say which ferries, and from which pier.');
  await app.getByRole('button', { name: 'Add comment' }).click();
  await expect(app.getByRole('tabpanel')).toContainText('“Ferries will run every hour.”');
  await expect(body(app).locator('.comment-anchor')).toHaveText('Ferries will run every hour.');
  await expect(body(app).locator('.comment-anchor')).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  await expectSaved(app);
  await app.getByRole('button', { name: 'Request changes' }).click();
  await app.getByLabel('What needs to change').fill('See the comment on the ferries.');
  await app.getByRole('dialog').getByRole('button', { name: 'Request changes' }).click();
  await expect(badge(app)).toHaveText('Changes requested');

  // Amal fixes it, resolves the comment and resubmits.
  await switchTo(app, 'Amal Haddad');
  await openRelease(app, 'Ferry service resumes');
  await expect(badge(app)).toHaveText('Changes requested');
  await body(app).locator('p').nth(1).click();
  await app.keyboard.press('End');
  await app.keyboard.type(' from the east pier');
  await expectSaved(app);
  await app.getByRole('tab', { name: 'Review' }).click();
  await app.getByRole('button', { name: 'Resolve' }).click();
  await expect(app.getByRole('tabpanel')).toContainText('Resolved by Amal Haddad');
  // A resolved comment stops shouting in the text; its anchor stays for reopening.
  await expect(body(app).locator('.comment-anchor')).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  await app.getByRole('button', { name: 'Submit for review' }).click();
  await app.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(badge(app)).toHaveText('In review');

  // Badr compares the two submissions, sees the change, and approves.
  await switchTo(app, 'Badr Saleh');
  await app.getByRole('link', { name: /Review queue/ }).click();
  await app.getByRole('link', { name: 'Ferry service resumes' }).click();
  await app.getByRole('tab', { name: 'History' }).click();
  const submissions = app.getByRole('checkbox', { name: /State change/ });
  await expect(submissions).toHaveCount(3);
  await submissions.nth(0).check();
  await submissions.nth(2).check();
  await app.getByRole('button', { name: 'Compare' }).click();
  const differences = app.getByRole('dialog').getByRole('region', { name: 'Body' });
  await expect(differences.locator('ins')).toContainText('east pier');
  await app.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await app.getByRole('button', { name: 'Approve' }).click();
  await expect(badge(app)).toHaveText('Approved');
  await expect(app.getByText(/^Approved by Badr Saleh at /)).toBeVisible();

  // Amal changes one word, having said she means to: the approval is gone.
  await switchTo(app, 'Amal Haddad');
  await openRelease(app, 'Ferry service resumes');
  await expect(app.getByText(/^Approved by Badr Saleh at /)).toBeVisible();
  await app.getByRole('button', { name: 'Edit (needs a new approval)' }).click();
  await field(app, 'Headline').fill('Ferry service restarts');
  await expectSaved(app);
  await expect(badge(app)).toHaveText('Draft');
  await expect(app.getByText(/^Approved by/)).toHaveCount(0);
  await app.reload();
  await expect(badge(app)).toHaveText('Draft');
  await expect(app.getByText(/^Approved by/)).toHaveCount(0);

  // Everything is on the record.
  await app.getByRole('tab', { name: 'Activity' }).click();
  for (const entry of [
    'Approval lapsed',
    'Badr Saleh Approved',
    'Amal Haddad Resolved a comment',
    'Badr Saleh Requested changes',
    'Badr Saleh Commented',
    'Amal Haddad Submitted for review',
  ]) {
    await expect(app.getByRole('tabpanel')).toContainText(entry);
  }

  // The global log, filtered by person and by action.
  await app.getByRole('navigation').getByRole('link', { name: 'Activity' }).click();
  await app.getByLabel('Person', { exact: true }).selectOption({ label: 'Badr Saleh' });
  const entries = app.locator('.activity li');
  await expect(entries.first()).toContainText('Badr Saleh');
  await expect(app.getByText('The history was changed outside Dateline')).toHaveCount(0);
  for (const text of await entries.allTextContents()) expect(text).toMatch(/^Badr Saleh /);
  await app.getByLabel('Action', { exact: true }).selectOption({ label: 'Approved' });
  await expect(entries).toHaveCount(1);
  await expect(entries).toContainText('Badr Saleh Approved on Ferry service restarts');
});

test('nobody can approve a release they wrote, and the refusal says why', async ({ app }) => {
  await app.getByRole('link', { name: 'People' }).click();
  await app.getByLabel('Role of Amal Haddad').selectOption('reviewer');
  await writeRelease(app, { headline: 'Own work', city: 'Doha', date: '2026-12-02', text: 'Text.' });
  await app.getByRole('button', { name: 'Submit for review' }).click();
  await app.getByRole('button', { name: 'Submit anyway' }).click();
  await expect(badge(app)).toHaveText('In review');
  await expect(app.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await expect(app.getByText('You wrote this release, so someone else must approve it (a second pair of eyes).')).toBeVisible();
});

test('a reviewer’s release in review offers no photo actions: no remove, replace or insert, and the photo fields are read-only', async ({
  app,
}) => {
  await addReviewer(app);
  await writeRelease(app, { headline: 'Quay photos', city: 'Abu Dhabi', date: '2026-12-03', text: 'The quay, pictured.' });
  await choosePhoto(app, 'Add photo', 'e2e/fixtures/harbour.jpg');
  const lead = app.getByRole('region', { name: 'Lead photo' });
  await lead.getByLabel('Caption').fill('The ferry terminal');
  await lead.getByLabel('Credit').fill('Media Office');
  await lead.getByLabel('Alt text').fill('A ferry at the quay');
  await body(app).click();
  await choosePhoto(app, 'Insert photo in body', 'e2e/fixtures/skyline.png');
  const figure = body(app).locator('figure');
  await figure.getByLabel('Caption').fill('The skyline');
  await figure.getByLabel('Credit').fill('Layla Nasser');
  await figure.getByLabel('Alt text').fill('Towers at dusk');
  await expectSaved(app);
  await submit(app);

  await switchTo(app, 'Badr Saleh');
  await openRelease(app, 'Quay photos');
  await expect(app.getByText('This release is in review, so its text is read-only. Reviewers can comment on it.')).toBeVisible();
  await lead.locator('img').hover();
  await figure.locator('img').hover();
  for (const name of ['Remove photo', 'Replace photo', 'Add photo', 'Insert photo in body', 'Recall to draft']) {
    await expect(app.getByRole('button', { name }), name).toHaveCount(0);
  }
  for (const photo of [lead, figure]) {
    for (const part of ['Caption', 'Credit', 'Alt text']) await expect(photo.getByLabel(part)).not.toBeEditable();
  }
  // Nothing was changed, so nothing failed to save.
  await expect(app.getByRole('status')).toHaveText(/^Saved/);
  await expect(lead.locator('img')).toBeVisible();
});

test('an approved release opens read-only; after “Edit (needs a new approval)” a change lapses the approval and undoing it brings it back', async ({
  app,
}) => {
  await addReviewer(app);
  await writeRelease(app, { headline: 'Harbour opens', city: 'Doha', date: '2026-12-04', text: 'The harbour opens today.' });
  await body(app).click();
  await choosePhoto(app, 'Insert photo in body', 'e2e/fixtures/skyline.png');
  const figure = body(app).locator('figure');
  await figure.getByLabel('Caption').fill('The harbour');
  await figure.getByLabel('Credit').fill('Media Office');
  await figure.getByLabel('Alt text').fill('Boats at the quay');
  await expectSaved(app);
  await submit(app);
  await switchTo(app, 'Badr Saleh');
  await openRelease(app, 'Harbour opens');
  await app.getByRole('button', { name: 'Approve' }).click();
  await expect(badge(app)).toHaveText('Approved');

  await switchTo(app, 'Amal Haddad');
  await openRelease(app, 'Harbour opens');
  await expect(app.getByText('Approved: the text is read-only, so the approval stays current.')).toBeVisible();
  await expect(field(app, 'Headline')).not.toBeEditable();
  await expect(body(app)).toHaveAttribute('contenteditable', 'false');
  await expect(figure.getByRole('button', { name: 'Remove photo' })).toHaveCount(0);
  await expect(figure.getByLabel('Caption')).not.toBeEditable();

  // Editing is a choice; the approval stays until the content actually changes.
  await app.getByRole('button', { name: 'Edit (needs a new approval)' }).click();
  await expect(field(app, 'Headline')).toBeEditable();
  await expect(body(app)).toHaveAttribute('contenteditable', 'true');
  await expect(figure.getByLabel('Caption')).toBeEditable();
  await expect(figure.getByRole('button', { name: 'Remove photo' })).toHaveCount(1);
  await expect(badge(app)).toHaveText('Approved');
  await expect(app.getByText(/^Approved by Badr Saleh at /)).toBeVisible();

  await field(app, 'Headline').press('End');
  await app.keyboard.type('!');
  await expectSaved(app);
  await expect(badge(app)).toHaveText('Draft');
  await expect(app.getByText(/^Approved by/)).toHaveCount(0);

  // The stray character removed: the content hashes to what was approved, so the approval is current again.
  await app.keyboard.press('Backspace');
  await expectSaved(app);
  await expect(badge(app)).toHaveText('Approved');
  await expect(app.getByText(/^Approved by Badr Saleh at /)).toBeVisible();
  await app.getByRole('tab', { name: 'Activity' }).click();
  await expect(app.getByRole('tabpanel')).toContainText('Amal Haddad Approval current again');
  await expect(app.getByRole('tabpanel')).toContainText('Amal Haddad Approval lapsed');
});

test('the author recalls a release from review to fix a typo, without withdrawing it', async ({ app }) => {
  await writeRelease(app, { headline: 'Ferry timetabel', city: 'Muscat', date: '2026-12-05', text: 'Ferries run hourly.' });
  await submit(app);
  await expect(app.getByText('This release is in review, so its text is read-only. Recall it to draft to change it.')).toBeVisible();
  await expect(field(app, 'Headline')).not.toBeEditable();

  await app.getByRole('button', { name: 'Recall to draft' }).click();
  await expect(badge(app)).toHaveText('Draft');
  await field(app, 'Headline').fill('Ferry timetable');
  await expectSaved(app);
  await app.getByRole('tab', { name: 'Activity' }).click();
  await expect(app.getByRole('tabpanel')).toContainText('Amal Haddad Recalled to draft');
  await expect(app.getByRole('tabpanel')).not.toContainText('Withdrew');
  await submit(app);
});

test('an audit entry changed in the file outside Dateline is named in the Activity view after the next start', async ({
  app,
  browser,
  host,
}) => {
  await writeRelease(app, { headline: 'Quay opens', city: 'Doha', date: '2026-12-02', text: 'Text.' });
  await stopHost(host);
  const db = new Database(join(host.dataDir, 'dateline.sqlite3'));
  db.exec(`DROP TRIGGER audit_is_append_only_update; UPDATE audit SET details = '{"comment":"Approved by the minister"}' WHERE id = 1`);
  db.close();
  const restarted = await startHost(host.dataDir);
  try {
    const page = await browser.newPage();
    await page.goto(restarted.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Activity' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The history was changed outside Dateline' })).toHaveText(
      'The history was changed outside Dateline: audit entry 1 was changed.',
    );
    await page.close();
  } finally {
    await stopHost(restarted);
  }
});
