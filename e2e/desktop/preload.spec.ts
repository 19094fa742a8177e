import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { builtPreload } from './stand-in/desktop-app';
import { expect, test } from './support';

const root = join(import.meta.dirname, '../..');

test('the built preload is a thin bridge: under 20 kB, with no ProseMirror, TipTap or zod in it', () => {
  const preload = readFileSync(builtPreload, 'utf8');
  expect(preload.length).toBeLessThan(20 * 1024);
  expect(preload).not.toMatch(/prosemirror|@tiptap|zod/i);
});

test('a preload that pulls in ProseMirror dies where Electron runs it, and the person is told', async ({ launch, dataDir }) => {
  // The first desktop build's mistake, made again on purpose: the preload imports the
  // contract's client, and with it zod, TipTap and ProseMirror.
  const entry = join(dataDir, 'heavy-preload.ts');
  writeFileSync(entry, `import '@shared/api/client';\nimport ${JSON.stringify(join(root, 'electron/shell/preload.ts'))};\n`);
  const heavy = join(dataDir, 'heavy-preload.cjs');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: heavy,
    external: ['electron'],
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'silent',
  });
  expect(readFileSync(heavy, 'utf8')).toContain('prosemirror-view');

  const app = launch({ preloadOverride: heavy });
  const page = await app.firstWindow();
  await expect.poll(() => app.electron.events).toContain('preload-error');
  // prosemirror-view reads document.documentElement at load, which does not exist yet.
  expect(app.electron.errorBoxes).toEqual([
    { title: 'Dateline could not start its window', content: expect.stringContaining('The window cannot reach Dateline’s store') },
  ]);
  expect(await page.evaluate(() => typeof window.dateline)).toBe('undefined');
  await expect(page.getByRole('alert').filter({ hasText: 'Dateline could not open its store' })).toBeVisible();
  expect(readFileSync(join(dataDir, 'logs', 'dateline.log'), 'utf8')).toMatch(
    /The window's preload failed[\s\S]*TypeError: Cannot read properties of null \(reading 'style'\)/,
  );
});
