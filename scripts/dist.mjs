// `npm run dist [-- <electron-builder arguments>]`: installers, built from a staging folder.
//
// electron-builder packages whatever folder it is given, and given the project it would walk
// (and, with npmRebuild, rebuild) the project's node_modules. So the app is first copied to
// release-builds/.stage with only what it runs: a minimal package.json, the bundled main process,
// preload and renderer (no source maps) and better-sqlite3 with its run-time dependencies, built
// for Electron there. electron-builder then packages the stage with npmRebuild off. The project's
// node_modules is only ever read.
//
//   --native-module=<file>   package this better_sqlite3.node instead of building one; it must
//                            carry Electron's ABI (checked before anything is staged)
//   anything else            passed to electron-builder: --linux dir, --x64, --arm64, -c.key=value…
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import {
  NativeBuildError,
  assertElectronAbi,
  buildSqliteForElectron,
  copySqliteRuntimeDependencies,
  copySqliteSources,
  electronVersion,
  emptyDir,
  pruneSqliteToRuntime,
  sqlitePackageDir,
} from './electron-sqlite.mjs';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const stage = join(root, 'release-builds', '.stage');

function fail(message) {
  console.error(message);
  process.exit(1);
}

const args = process.argv.slice(2);
const nativeArg = args.find((arg) => arg.startsWith('--native-module='));
const builderArgs = args.filter((arg) => arg !== nativeArg);
const nativeModule = nativeArg ? resolve(nativeArg.slice('--native-module='.length)) : null;

// The native module is built for this machine, so each installer is built on its own platform.
const platforms = [
  ['linux', 'Linux', ['--linux', '-l']],
  ['win32', 'Windows', ['--win', '-w', '--windows']],
  ['darwin', 'macOS', ['--mac', '-m', '--macos']],
];
for (const [platform, label, flags] of platforms) {
  if (platform !== process.platform && builderArgs.some((arg) => flags.includes(arg))) {
    fail(`Build the ${label} installers on ${label}: better-sqlite3 is compiled for the machine that runs \`npm run dist\`.`);
  }
}
const arches = ['x64', 'arm64', 'ia32', 'armv7l', 'universal'].filter((arch) => builderArgs.includes(`--${arch}`));
if (arches.length > 1 || arches[0] === 'universal') {
  fail(
    `One architecture per run (${arches.join(', ')} asked for): better-sqlite3 is built for one at a time, so run --x64 and --arm64 separately.`,
  );
}
const arch = arches[0] ?? process.arch;

const built = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'dist/dictionaries/en-US-10-2.bdic'];
const missing = built.filter((file) => !existsSync(join(root, file)));
if (missing.length > 0) fail(`Nothing to package: ${missing.join(', ')} missing. Run \`npm run build\` first (\`npm run dist\` does).`);

try {
  // A module handed in is checked before anything else happens.
  if (nativeModule) assertElectronAbi(nativeModule);

  emptyDir(stage);
  const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const { name, productName, version, main, description, author, homepage, license } = project;
  const manifest = {
    name,
    productName,
    version,
    main,
    description,
    author,
    homepage,
    license,
    dependencies: { 'better-sqlite3': project.dependencies['better-sqlite3'] },
  };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  mkdirSync(join(stage, 'dist', 'electron'), { recursive: true });
  for (const file of ['main.cjs', 'preload.cjs']) cpSync(join(root, 'dist', 'electron', file), join(stage, 'dist', 'electron', file));
  cpSync(join(root, 'dist', 'renderer'), join(stage, 'dist', 'renderer'), { recursive: true, filter: (path) => !path.endsWith('.map') });
  // Spell-check dictionaries sit beside the asar (extraResources), where Chromium's checker is served them.
  cpSync(join(root, 'dist', 'dictionaries'), join(stage, 'dist', 'dictionaries'), { recursive: true });

  const sqliteDir = join(stage, 'node_modules', 'better-sqlite3');
  if (nativeModule) {
    for (const entry of ['package.json', 'lib', 'LICENSE'])
      cpSync(join(sqlitePackageDir, entry), join(sqliteDir, entry), { recursive: true });
    mkdirSync(join(sqliteDir, 'build', 'Release'), { recursive: true });
    cpSync(nativeModule, join(sqliteDir, 'build', 'Release', 'better_sqlite3.node'));
  } else {
    // Built in the stage, which sits inside the project: @electron/rebuild finds prebuild-install
    // by walking up from the module, and stops looking for modules to rebuild at the stage.
    console.log(`Building better-sqlite3 for Electron ${electronVersion} (${process.platform}-${arch})…`);
    copySqliteSources(stage);
    await buildSqliteForElectron(stage, { arch });
    pruneSqliteToRuntime(sqliteDir);
  }
  copySqliteRuntimeDependencies(stage);
  // The file that ships, checked once more.
  assertElectronAbi(join(sqliteDir, 'build', 'Release', 'better_sqlite3.node'));
} catch (error) {
  if (error instanceof NativeBuildError) fail(error.message);
  throw error;
}

// The stage is electron-builder's project: it sees nothing else. Paths in the config are made
// absolute because they would otherwise be read relative to the stage; arguments given to this
// script come last, so they win.
const builder = spawnSync(
  process.execPath,
  [
    join(dirname(require.resolve('electron-builder/package.json')), 'cli.js'),
    '--projectDir',
    stage,
    '--config',
    join(root, 'build', 'electron-builder.yml'),
    `-c.electronVersion=${electronVersion}`,
    `-c.directories.buildResources=${join(root, 'build')}`,
    `-c.directories.output=${join(root, 'release-builds')}`,
    ...builderArgs,
  ],
  { stdio: 'inherit', cwd: stage },
);
if (builder.status !== 0) fail(`electron-builder failed (the staged app is kept in ${stage}).`);
rmSync(stage, { recursive: true, force: true });
