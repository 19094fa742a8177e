import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { SENTINEL } from '@electron/fuses/dist/constants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run dist`, run for real (electron-builder 26, the project's config, the staging script)
// against two stand-ins, because this machine has no network:
// - an Electron distribution: electron-builder's `electronDist` pointed at a folder holding a fake
//   `electron` executable that carries @electron/fuses' sentinel and a fuse wire in Electron's
//   default states, so the fuses electron-builder flips can be read back;
// - better_sqlite3.node built for Electron: Electron's headers cannot be downloaded here, so the
//   real compile cannot run. The stand-in is a text file carrying only the ABI marker an Electron
//   build has (node_register_module_v<Electron's ABI>), handed to the script's --native-module seam.

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;
const { getAbi } = require('node-abi') as { getAbi(target: string, runtime: string): string };
const electronAbi = getAbi(electronVersion, 'electron');
const nodeModule = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const listing = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

// Electron's own defaults (https://www.electronjs.org/docs/latest/tutorial/fuses), in wire order.
const defaultWire = '10110001';

function writeStandInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'));
  const wire = Buffer.concat([Buffer.from([Number(FuseVersion.V1), defaultWire.length]), Buffer.from(defaultWire, 'latin1')]);
  const executable = Buffer.concat([
    Buffer.from('#!/bin/sh\n# Stand-in for the Electron executable: only its fuse wire is real.\nexit 0\n'),
    Buffer.from(SENTINEL),
    wire,
    Buffer.alloc(64),
  ]);
  writeFileSync(join(dir, 'electron'), executable);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), "Stand-in for Electron's LICENSE.\n");
  writeFileSync(join(dir, 'LICENSES.chromium.html'), "<p>Stand-in for Chromium's licences.</p>\n");
  writeFileSync(join(dir, 'locales', 'en-US.pak'), 'stand-in\n');
}

const platformOk = process.platform === 'linux';
if (!platformOk) console.log('dist test skipped: it packages `--linux dir`, and installers are only built on their own platform.');

describe.skipIf(!platformOk)('npm run dist', () => {
  let work: string;
  let electronDist: string;
  let standInModule: string;
  let output: string;
  let before: { hash: string; files: string[] };

  const dist = (nativeModule: string) =>
    // The packaging step of `npm run dist` on the build `npm test` has just made: rebuilding here would
    // replace dist/ under Vitest's NODE_ENV=test while the end-to-end tests still need it.
    spawnSync(
      process.execPath,
      [
        'scripts/dist.mjs',
        `--native-module=${nativeModule}`,
        '--linux',
        'dir',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${output}`,
      ],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'dateline-dist-'));
    electronDist = join(work, 'electron-dist');
    output = join(work, 'out');
    writeStandInElectron(electronDist);
    standInModule = join(work, 'better_sqlite3.electron-stand-in.node');
    writeFileSync(
      standInModule,
      `Stand-in for better_sqlite3.node built for Electron ${electronVersion}: Electron's headers cannot be downloaded offline.\n` +
        `It carries only the symbol name an Electron build exports: node_register_module_v${electronAbi}\n`,
    );
    before = { hash: sha256(nodeModule), files: listing(join(root, 'node_modules', 'better-sqlite3')) };
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("refuses node_modules' own better-sqlite3, which is built for Node's ABI", () => {
    const result = dist(nodeModule);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `Wrong ABI: ${nodeModule} was built for ABI ${process.versions.modules} (Node ${process.versions.node.split('.')[0]}), but Electron ${electronVersion} needs ABI ${electronAbi}.`,
    );
    expect(existsSync(output)).toBe(false);
  }, 60_000);

  it('packages only the app, with the Electron build of better-sqlite3 unpacked and the fuses flipped', async () => {
    const result = dist(standInModule);
    expect(result.status, result.stdout + result.stderr).toBe(0);

    const appDir = join(output, 'linux-unpacked');
    const asar = join(appDir, 'resources', 'app.asar');
    expect(existsSync(join(appDir, 'dateline'))).toBe(true);

    const files = listPackage(asar, { isPack: false }).map((path) => path.replaceAll('\\', '/'));
    for (const needed of [
      '/package.json',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
      '/node_modules/better-sqlite3/package.json',
      '/node_modules/better-sqlite3/lib/index.js',
      '/node_modules/bindings/bindings.js',
      '/node_modules/file-uri-to-path/index.js',
    ]) {
      expect(files).toContain(needed);
    }
    expect(files.some((path) => path.startsWith('/dist/renderer/assets/') && path.endsWith('.js'))).toBe(true);
    const allowed = [
      /^\/package\.json$/,
      /^\/dist(\/electron(\/(main|preload)\.cjs)?)?$/,
      /^\/dist\/renderer(\/.+)?$/,
      /^\/node_modules(\/better-sqlite3(\/(package\.json|LICENSE|lib(\/.+\.js|\/methods)?|build(\/Release(\/better_sqlite3\.node)?)?))?)?$/,
      /^\/node_modules\/(bindings|file-uri-to-path)(\/.+)?$/,
    ];
    expect(files.filter((path) => !allowed.some((pattern) => pattern.test(path)))).toEqual([]);
    expect(files.filter((path) => /sqlite3\.c$|\/deps(\/|$)|\/src(\/|$)|prebuild-install|^\/dist\/(cli|web)|\.map$/.test(path))).toEqual(
      [],
    );

    const manifest = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'dateline',
      main: 'dist/electron/main.cjs',
      dependencies: { 'better-sqlite3': expect.any(String) },
    });
    expect(Object.keys(manifest.dependencies as object)).toEqual(['better-sqlite3']);
    expect(manifest).not.toHaveProperty('devDependencies');

    // The .node file is outside the asar (Electron cannot dlopen from inside one), and it is the one handed in.
    const nodeFile = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(statFile(asar, nodeFile)).toMatchObject({ unpacked: true });
    expect(sha256(join(appDir, 'resources', 'app.asar.unpacked', nodeFile))).toBe(sha256(standInModule));

    // The spell checker's dictionaries ship beside the asar, with their licences, where main.ts serves them from.
    expect(readdirSync(join(appDir, 'resources', 'dictionaries')).sort()).toEqual([
      'en-GB-10-2.bdic',
      'en-GB.LICENSE.txt',
      'en-US-10-2.bdic',
      'en-US.LICENSE.txt',
    ]);

    const wire = await getCurrentFuseWire(join(appDir, 'dateline'));
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number);
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      enableNodeOptionsEnvironmentVariable: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      enableNodeCliInspectArguments: state(FuseV1Options.EnableNodeCliInspectArguments),
      enableCookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      enableEmbeddedAsarIntegrityValidation: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      // not configured, so left as Electron ships them
      loadBrowserProcessSpecificV8Snapshot: state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot),
      grantFileProtocolExtraPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      runAsNode: '0',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableCookieEncryption: '1',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      loadBrowserProcessSpecificV8Snapshot: '0',
      grantFileProtocolExtraPrivileges: '1',
    });
    // The stage is cleared once electron-builder is done.
    expect(existsSync(join(root, 'release-builds', '.stage'))).toBe(false);
  }, 90_000);

  it("leaves node_modules' better-sqlite3 as it was, still loadable by Node", () => {
    expect(sha256(nodeModule)).toBe(before.hash);
    expect(listing(join(root, 'node_modules', 'better-sqlite3'))).toEqual(before.files);
    const check = spawnSync(
      process.execPath,
      [
        '-e',
        "const Database = require('better-sqlite3'); const db = new Database(':memory:'); console.log(db.prepare('select 40 + 2 as n').get().n);",
      ],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(check.stderr).toBe('');
    expect(check.stdout.trim()).toBe('42');
  });
});
