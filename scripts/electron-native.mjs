// Builds better-sqlite3 a second time, for Electron's ABI, into .electron-native/.
// node_modules keeps the Node build that tests and browser mode use, so neither
// `npm start` nor `npm test` ever needs a manual rebuild. Packaged apps do not use
// this: electron-builder rebuilds the module for Electron when it packages.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const sqlitePackage = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqlitePackage, 'package.json'), 'utf8')).version;

const outDir = '.electron-native';
const binary = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'built-for');
const stamp = `electron ${electronVersion}, better-sqlite3 ${sqliteVersion}, ${process.platform}-${process.arch}`;

if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) process.exit(0);

console.log(`Building better-sqlite3 for ${stamp} (once; about two minutes)…`);
const source = join(outDir, 'source');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(sqlitePackage, source, { recursive: true, filter: (path) => !path.includes(`${join(sqlitePackage, 'build')}`) });
try {
  execFileSync(
    process.execPath,
    [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', `--arch=${process.arch}`],
    { cwd: source, stdio: 'inherit' },
  );
} catch {
  console.error('Could not build better-sqlite3 for Electron: node-gyp needs Electron\'s headers from electronjs.org. Connect to the internet once and run `npm start` again.');
  process.exit(1);
}
cpSync(join(source, 'build', 'Release', 'better_sqlite3.node'), binary);
rmSync(source, { recursive: true, force: true });
writeFileSync(stampFile, stamp);
