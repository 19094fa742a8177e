import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { draftMark } from '@shared/export/options';
import { sampleReleases } from '@shared/export/sample-releases';
import { callApi, expect, test, writeRelease } from '../support/fixtures';

const writeSmallRelease = (app: Page) =>
  writeRelease(app, { headline: 'Ferry service resumes', city: 'Muscat', date: '2026-10-15', text: 'Ferries run every hour from Monday.' });

test('export from the editor downloads a draft, marked as one', async ({ app }) => {
  await writeSmallRelease(app);
  await app.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: 'Plain text' }).check();
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ferry-service-resumes-2026-10-15-draft.txt');
  const text = readFileSync(await file.path(), 'utf8');
  expect(text).toBe(
    `${draftMark}\n\nFOR IMMEDIATE RELEASE\nFerry service resumes\n\nMUSCAT, October 15, 2026 — Ferries run every hour from Monday.\n\n###\n`,
  );
});

test('an approved release exports as final and becomes Released; Copy as text puts the same words on the clipboard', async ({
  app,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const id = await writeSmallRelease(app);
  // A reviewer approves it (through the API, as the review tests do through the UI).
  const reviewer = await callApi(app, 'addPerson', { name: 'Badr Saleh', role: 'reviewer' });
  const writer = (await callApi(app, 'getSession', {})).value.person;
  let release = (await callApi(app, 'getRelease', { id })).value;
  release = (await callApi(app, 'transitionRelease', { id, action: 'submit', baseVersion: release.version })).value;
  await callApi(app, 'switchPerson', { personId: reviewer.value.id });
  await callApi(app, 'transitionRelease', { id, action: 'approve', baseVersion: release.version });
  await callApi(app, 'switchPerson', { personId: writer.id });
  await app.reload();
  await expect(app.locator('.editor-header .badge')).toHaveText('Approved');

  await app.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('button', { name: 'Copy as text' }).click();
  await expect(dialog).toContainText('Copied as plain text.');
  const copied = await app.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(
    'FOR IMMEDIATE RELEASE\nFerry service resumes\n\nMUSCAT, October 15, 2026 — Ferries run every hour from Monday.\n\n###\n',
  );

  await dialog.getByRole('radio', { name: 'HTML', exact: true }).check();
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ferry-service-resumes-2026-10-15.html');
  const html = readFileSync(await file.path(), 'utf8');
  expect(html).toContain('<h1>Ferry service resumes</h1>');
  expect(html).not.toContain(draftMark);
  await expect(app.locator('.editor-header .badge')).toHaveText('Released');
  await app.getByRole('tab', { name: 'Activity' }).click();
  await expect(app.getByRole('tabpanel')).toContainText('Amal Haddad Exported');
});

test('fifty releases export to one zip, with progress and a summary', async ({ app }) => {
  test.setTimeout(90_000);
  for (let index = 1; index <= 50; index++) {
    const content = { ...sampleReleases['lists-and-links']!, headline: `Ferry notice ${index}` };
    const created = await callApi(app, 'createRelease', { content });
    expect(created.ok).toBe(true);
  }
  await app.reload();
  await app.getByRole('checkbox', { name: 'Select every release' }).check();
  await expect(app.getByRole('button', { name: 'Export selected', exact: true })).toHaveText('Export selected (50)');
  await app.getByRole('button', { name: 'Export selected', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Export 50 releases' });
  await dialog.getByRole('radio', { name: 'Plain text' }).check();
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export to a .zip' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  const file = await download;
  await expect(dialog.getByLabel('Export summary')).toContainText('Exported 50 of 50 to dateline-export-');
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toHaveAttribute('value', '50');
  const entries = unzipSync(new Uint8Array(readFileSync(await file.path())));
  const names = Object.keys(entries).sort();
  expect(names).toHaveLength(50);
  expect(names).toContain('ferry-notice-7-2026-10-15-draft.txt');
  expect(new TextDecoder().decode(entries['ferry-notice-7-2026-10-15-draft.txt'])).toContain('Ferry notice 7\nMore sailings on weekends');
});

test('a bulk export can be cancelled, and what was exported stays', async ({ app }) => {
  for (let index = 1; index <= 30; index++)
    await callApi(app, 'createRelease', {
      content: { ...sampleReleases.photos!, leadPhoto: null, body: sampleReleases.embargoed!.body, headline: `Notice ${index}` },
    });
  await app.reload();
  await app.getByRole('checkbox', { name: 'Select every release' }).check();
  await app.getByRole('button', { name: 'Export selected', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Export 30 releases' });
  // Slow each export down so there is time to cancel, as a slow disk would.
  await app.route('**/api/renderExport', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await route.continue();
  });
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export to a .zip' }).click();
  await expect(dialog.getByText(/^[3-9] of 30$/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel export' }).click();
  await expect(dialog.getByLabel('Export summary')).toContainText(/Cancelled\. Exported \d+ of 30/);
  const kept = Number(/Exported (\d+) of 30/.exec((await dialog.getByLabel('Export summary').textContent())!)![1]);
  expect(kept).toBeGreaterThan(2);
  expect(kept).toBeLessThan(30);
  expect(Object.keys(unzipSync(new Uint8Array(readFileSync(await (await download).path()))))).toHaveLength(kept);
});

test('a bulk export asks about each release as it is now: an approval that lapsed after the list was read exports as a draft', async ({
  app,
}) => {
  const current = await writeSmallRelease(app);
  const lapsing = await writeRelease(app, { headline: 'Museum reopens', city: 'Muscat', date: '2026-10-15', text: 'The east wing opens.' });
  const reviewer = (await callApi(app, 'addPerson', { name: 'Badr Saleh', role: 'reviewer' })).value;
  const writer = (await callApi(app, 'getSession', {})).value.person;
  for (const id of [current, lapsing]) {
    const release = (await callApi(app, 'getRelease', { id })).value;
    const submitted = (await callApi(app, 'transitionRelease', { id, action: 'submit', baseVersion: release.version })).value;
    await callApi(app, 'switchPerson', { personId: reviewer.id });
    await callApi(app, 'transitionRelease', { id, action: 'approve', baseVersion: submitted.version });
    await callApi(app, 'switchPerson', { personId: writer.id });
  }
  await app.reload();
  await app.getByRole('navigation').getByRole('link', { name: 'Releases' }).click();
  await expect(app.getByRole('row').filter({ hasText: 'Approved' })).toHaveCount(2);

  // Edited elsewhere (another tab, another person) while this list still says Approved.
  const approved = (await callApi(app, 'getRelease', { id: lapsing })).value;
  const edited = { ...approved.content, headline: 'Museum reopens on Monday' };
  expect((await callApi(app, 'saveRelease', { id: lapsing, baseVersion: approved.version, content: edited })).value.status).toBe('draft');

  await app.getByRole('checkbox', { name: 'Select every release' }).check();
  await app.getByRole('button', { name: 'Export selected', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'Export 2 releases' });
  await dialog.getByRole('radio', { name: 'Plain text' }).check();
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export to a .zip' }).click();
  await expect(dialog.getByLabel('Export summary')).toContainText('Exported 2 of 2');
  const names = Object.keys(unzipSync(new Uint8Array(readFileSync(await (await download).path())))).sort();
  expect(names).toEqual(['ferry-service-resumes-2026-10-15.txt', 'museum-reopens-on-monday-2026-10-15-draft.txt']);
  expect((await callApi(app, 'getRelease', { id: current })).value.status).toBe('released');
  expect((await callApi(app, 'getRelease', { id: lapsing })).value.status).toBe('draft');
});
