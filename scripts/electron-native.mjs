// Builds better-sqlite3 a second time, for Electron's ABI, into .electron-native/better_sqlite3.node,
// which the main process loads when it runs unpackaged. node_modules keeps the Node build that
// tests and browser mode use, so neither `npm start` nor `npm test` ever needs a manual rebuild.
// Packaged apps get their own Electron build from scripts/dist.mjs.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NativeBuildError,
  abiOf,
  assertElectronAbi,
  buildAppManifest,
  buildSqliteForElectron,
  copySqliteSources,
  electronAbi,
  electronVersion,
  emptyDir,
  sqliteVersion,
} from './electron-sqlite.mjs';

const outDir = '.electron-native';
const binary = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'built-for');
const stamp = `electron ${electronVersion} (ABI ${electronAbi()}), better-sqlite3 ${sqliteVersion}, ${process.platform}-${process.arch}`;

// Rebuild only when Electron, better-sqlite3 or the machine changed, or the file is not what it claims.
if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && abiOf(binary) === electronAbi())
  process.exit(0);

console.log(`Building better-sqlite3 for ${stamp} (once; it may take a few minutes)…`);
const workDir = join(outDir, 'build');
rmSync(outDir, { recursive: true, force: true });
emptyDir(workDir);
writeFileSync(join(workDir, 'package.json'), JSON.stringify(buildAppManifest(), null, 2));
copySqliteSources(workDir);
try {
  const built = await buildSqliteForElectron(workDir);
  copyFileSync(built, binary);
  assertElectronAbi(binary);
} catch (error) {
  if (!(error instanceof NativeBuildError)) throw error;
  console.error(error.message);
  process.exit(1);
}
rmSync(workDir, { recursive: true, force: true });
writeFileSync(stampFile, stamp);
console.log(`Built ${binary} for Electron ${electronVersion}.`);
