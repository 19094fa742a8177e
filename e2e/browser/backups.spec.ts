import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { releaseContent } from '../../electron/testing/release-content';
import { callApi, expect, signIn, test, writeRelease } from '../support/fixtures';
import { makeDataDir, startHost, stopHost } from '../support/web-host';

test('Backups: back up now, write more, restore the backup, and only what it held comes back', async ({ app }) => {
  await writeRelease(app, { headline: 'Port opens on Monday', text: 'The port reopens.' });
  await app.getByRole('navigation').getByRole('link', { name: 'Backups' }).click();
  await app.getByRole('button', { name: 'Back up now' }).click();
  // The one taken when the host started, and this one, newest first.
  const rows = app.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);

  await writeRelease(app, { headline: 'Written after the backup', text: 'Not in the backup.' });
  await app.getByRole('navigation').getByRole('link', { name: 'Backups' }).click();
  await rows.nth(1).getByRole('button', { name: 'Restore…' }).click();
  const confirm = app.getByRole('dialog', { name: /^Restore the backup of / });
  await expect(confirm).toContainText('set aside beside it, not deleted');
  await confirm.getByRole('button', { name: 'Restore this backup' }).click();
  const done = app.getByRole('dialog', { name: 'Backup restored' });
  await expect(done).toContainText(/kept, untouched, as .*dateline\.sqlite3\.before-restore-/);
  await done.getByRole('button', { name: 'Continue' }).click();

  await expect(app.getByRole('link', { name: 'Port opens on Monday' })).toBeVisible();
  await expect(app.getByRole('link', { name: 'Written after the backup' })).toHaveCount(0);
});

test('a database damaged while Dateline was closed: the app offers the newest backup, and the releases are back', async ({ page }) => {
  const data = makeDataDir();
  const first = await startHost(data.dir);
  try {
    await page.goto(first.url);
    await signIn(page, 'Amal Haddad');
    for (let index = 0; index < 30; index++) {
      const headline = `Statement ${index} on the harbour`;
      expect(await callApi(page, 'createRelease', { content: releaseContent({ headline }) })).toMatchObject({ ok: true });
    }
    expect(await callApi(page, 'backUpNow', {})).toMatchObject({ ok: true });
  } finally {
    await stopHost(first);
  }
  // A failing disk scribbles over pages in the middle of the file.
  const file = join(data.dir, 'dateline.sqlite3');
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  bytes.fill(0x5a, pageSize * 3 + 8, pageSize * 3 + 400);
  writeFileSync(file, bytes);

  const second = await startHost(data.dir);
  try {
    await page.goto(second.url);
    await expect(page.getByRole('heading', { name: 'Dateline’s database is damaged' })).toBeVisible();
    await expect(page.getByText(/has not written to it/)).toBeVisible();
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.getByRole('status')).toHaveText(/^Restored the backup taken /);
    await expect(page.getByText(/The damaged file is kept as .*dateline\.sqlite3\.damaged-/)).toBeVisible();
    await page.getByRole('button', { name: 'Open Dateline' }).click();
    await expect(page.getByRole('link', { name: /^Statement \d+ on the harbour$/ })).toHaveCount(30);
  } finally {
    await stopHost(second);
    data.remove();
  }
});

test('a release whose stored text was damaged opens on an offer of its last readable version, which brings it back', async ({
  app,
  host,
}) => {
  const id = await writeRelease(app, { headline: 'Ferry timetable', text: 'Ferries run hourly.' });
  await app.getByRole('link', { name: '← Releases' }).click();
  const raw = new Database(join(host.dataDir, 'dateline.sqlite3'));
  raw.pragma('busy_timeout = 5000');
  raw.prepare(`UPDATE releases SET content = substr(content, 1, 30) WHERE id = ?`).run(id);
  raw.close();

  await app.getByRole('link', { name: 'Ferry timetable' }).click();
  await expect(app.getByRole('main').getByRole('alert')).toContainText('stored text is damaged');
  await app.getByRole('button', { name: /^Restore the version saved .* by Amal Haddad$/ }).click();
  await expect(app.getByLabel('Headline', { exact: true })).toHaveValue('Ferry timetable');
  await expect(app.getByRole('textbox', { name: 'Body' })).toHaveText('Ferries run hourly.');
});
