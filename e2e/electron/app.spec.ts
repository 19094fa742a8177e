import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { makeDataDir } from '../support/web-host';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '../..');

/**
 * The Electron runtime is a separate download that these machines cannot make.
 * Looked up without require('electron'), which would try that download.
 */
function electronBinary(): string | null {
  const electronPackage = dirname(require.resolve('electron/package.json'));
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const nativeBuild = existsSync(join(root, '.electron-native', 'better_sqlite3.node'));

const skipReason = !binary
  ? 'Electron tests skipped: the Electron runtime binary is not installed here (it cannot be downloaded on this machine).'
  : !nativeBuild
    ? 'Electron tests skipped: better-sqlite3 has no Electron build yet; run `npm start` once to make it.'
    : null;
if (skipReason) console.log(skipReason);
test.skip(skipReason !== null, skipReason ?? '');

test('the desktop app writes a release that survives a restart', async () => {
  const data = makeDataDir();
  const launch = () => electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, DATELINE_DATA_DIR: data.dir } });
  try {
    let app = await launch();
    let page = await app.firstWindow();
    await page.getByLabel('Your name').fill('Amal Haddad');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'New release' }).click();
    await page.getByLabel('Headline', { exact: true }).fill('Written in the desktop app');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('Saved by Electron.');
    await expect(page.getByRole('status')).toHaveText(/^Saved/);
    // The window is hardened: no Node in the page, and the API is only the preload's bridge.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => window.location.protocol)).toBe('app:');
    await app.close();

    app = await launch();
    page = await app.firstWindow();
    await page.getByRole('link', { name: 'Written in the desktop app' }).click();
    await expect(page.getByRole('textbox', { name: 'Body' })).toContainText('Saved by Electron.');
    await app.close();
  } finally {
    data.remove();
  }
});
