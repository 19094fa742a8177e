// better-sqlite3 for Electron's ABI, shared by `npm start` (scripts/electron-native.mjs)
// and `npm run dist` (scripts/dist.mjs). Both build a COPY of the package in a folder of
// their own, so node_modules keeps the Node build that tests, browser mode and the command
// line load: no command here ever writes into node_modules.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { rebuild } from '@electron/rebuild';
import { getAbi, getTarget } from 'node-abi';

const require = createRequire(import.meta.url);
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

export const electronVersion = readJson(require.resolve('electron/package.json')).version;
export const sqlitePackageDir = dirname(require.resolve('better-sqlite3/package.json'));
export const sqliteVersion = readJson(join(sqlitePackageDir, 'package.json')).version;
/** Where node-gyp (run by @electron/rebuild) keeps Electron's headers once downloaded. */
const electronHeaders = join(homedir(), '.electron-gyp', electronVersion, 'include', 'node', 'node_version.h');

// better-sqlite3's only install-time dependency: it downloads prebuilt binaries, and the app never loads it.
const installTimeOnly = new Set(['prebuild-install']);

export class NativeBuildError extends Error {}

/** Electron's NODE_MODULE_VERSION, the number a native module must be built for. */
export function electronAbi(version = electronVersion) {
  return Number(getAbi(version, 'electron'));
}

/**
 * The ABI a native module was compiled for. better-sqlite3 registers itself with NAN's
 * NODE_MODULE_INIT, which names an exported symbol `node_register_module_v<ABI>` on every
 * platform (ELF, PE and Mach-O), so the number can be read from the file without loading it.
 */
export function abiOf(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : null;
}

function describeAbi(abi) {
  for (const [runtime, label] of [
    ['node', 'Node'],
    ['electron', 'Electron'],
  ]) {
    try {
      return `${label} ${getTarget(String(abi), runtime).split('.')[0]}`;
    } catch {
      // node-abi does not know this ABI for this runtime; try the other one.
    }
  }
  return 'an unknown runtime';
}

/** Refuses a better_sqlite3.node that Electron would fail to load (or, worse, load for the wrong ABI). */
export function assertElectronAbi(file, version = electronVersion) {
  const expected = electronAbi(version);
  if (!existsSync(file)) throw new NativeBuildError(`No native module to check: ${file} does not exist.`);
  const found = abiOf(file);
  if (found === null) {
    throw new NativeBuildError(
      `Wrong ABI: ${file} has no node_register_module_v<ABI> symbol, so it is not a better-sqlite3 build Electron can load.`,
    );
  }
  if (found !== expected) {
    throw new NativeBuildError(
      `Wrong ABI: ${file} was built for ABI ${found} (${describeAbi(found)}), but Electron ${version} needs ABI ${expected}. ` +
        "Electron cannot load it: it was compiled against other headers than Electron's (node_modules' own build is for Node; " +
        "node-gyp follows a nodedir setting to Node's headers).",
    );
  }
  return found;
}

/** Copies better-sqlite3 (sources, no build output) to `<appDir>/node_modules/better-sqlite3`, ready to compile. */
export function copySqliteSources(appDir) {
  const destination = join(appDir, 'node_modules', 'better-sqlite3');
  // Earlier build output (node_modules' own Node build among it) stays behind.
  const skip = new Set(['build', 'node_modules', 'prebuilds', 'bin']);
  cpSync(sqlitePackageDir, destination, { recursive: true, filter: (path) => !skip.has(relative(sqlitePackageDir, path).split(sep)[0]) });
  return destination;
}

/**
 * Copies the packages better-sqlite3 needs at run time (bindings, file-uri-to-path) into
 * `<appDir>/node_modules`, flat, and returns their names. prebuild-install is left out.
 */
export function copySqliteRuntimeDependencies(appDir) {
  const copied = [];
  const visit = (packageDir) => {
    const fromHere = createRequire(join(packageDir, 'package.json'));
    for (const name of Object.keys(readJson(join(packageDir, 'package.json')).dependencies ?? {})) {
      if (installTimeOnly.has(name) || copied.includes(name)) continue;
      const dependencyDir = dirname(fromHere.resolve(`${name}/package.json`));
      cpSync(dependencyDir, join(appDir, 'node_modules', name), {
        recursive: true,
        filter: (path) => relative(dependencyDir, path).split(sep)[0] !== 'node_modules',
      });
      copied.push(name);
      visit(dependencyDir);
    }
  };
  visit(sqlitePackageDir);
  return copied;
}

/** Leaves only what the app loads in a copied better-sqlite3: package.json, lib/, its licence and the one .node file. */
export function pruneSqliteToRuntime(moduleDir) {
  const keep = new Set(['package.json', 'lib', 'LICENSE', 'build']);
  for (const entry of readdirSync(moduleDir)) if (!keep.has(entry)) rmSync(join(moduleDir, entry), { recursive: true, force: true });
  const release = join(moduleDir, 'build', 'Release');
  for (const entry of readdirSync(join(moduleDir, 'build')))
    if (entry !== 'Release') rmSync(join(moduleDir, 'build', entry), { recursive: true, force: true });
  for (const entry of readdirSync(release))
    if (entry !== 'better_sqlite3.node') rmSync(join(release, entry), { recursive: true, force: true });
}

// npm exports its whole config to scripts as npm_config_*, and node-gyp lets those override
// its command line. An inherited nodedir (this machine's npmrc sets nodedir=/usr) makes it
// compile against Node's headers without a word; target, runtime or dist-url would do the same.
const headerSettings = /^npm_config_(nodedir|target|runtime|disturl|dist_url|tarball|devdir)$/i;

/**
 * Builds `<appDir>/node_modules/better-sqlite3` for Electron with @electron/rebuild (a prebuilt
 * binary if one can be downloaded, otherwise node-gyp against Electron's headers), checks the
 * result's ABI and returns the path of the .node file. appDir must hold a package.json that
 * depends on better-sqlite3; the search for modules stops at appDir, so nothing above it
 * (the project's node_modules) is ever rebuilt.
 */
export async function buildSqliteForElectron(appDir, { arch = process.arch } = {}) {
  appDir = resolve(appDir);
  // @electron/rebuild hands process.env to node-gyp, so the settings are dropped here, in this process.
  for (const key of Object.keys(process.env)) if (headerSettings.test(key)) delete process.env[key];
  // When node-gyp fails, @electron/rebuild prints its output with console.error; a copy is kept
  // to tell a missing toolchain from a missing network.
  const printError = console.error;
  let output = '';
  console.error = (...parts) => {
    output += `${parts.join(' ')}\n`;
    printError(...parts);
  };
  try {
    await rebuild({
      buildPath: appDir,
      projectRootPath: appDir,
      electronVersion,
      arch,
      onlyModules: ['better-sqlite3'],
      force: true,
      disablePreGypCopy: true,
    });
  } catch (error) {
    throw new NativeBuildError(explainBuildFailure(error, output));
  } finally {
    console.error = printError;
  }
  const built = join(appDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  assertElectronAbi(built);
  return built;
}

// What node-gyp says when Python, make, a C++ compiler, Visual Studio or Xcode is missing.
const missingTool =
  /find (any )?Python|not found: (make|python)|find VS|Visual Studio|xcode-select|No Xcode|(g\+\+|c\+\+|cc|clang\+\+): (command )?not found/i;

function explainBuildFailure(error, output) {
  const cause = error instanceof Error ? error.message : String(error);
  // node-gyp looks for Python before it downloads headers, so headers are only evidence of the network when no tool was missing.
  if (!missingTool.test(output) && !existsSync(electronHeaders)) {
    return (
      `Could not build better-sqlite3 for Electron ${electronVersion}: no network. No prebuilt binary could be downloaded ` +
      `(github.com), nor Electron's headers to compile one (electronjs.org/headers). ` +
      `Connect to the internet once and run the command again; the headers are kept in ${join(homedir(), '.electron-gyp')}. (${cause})`
    );
  }
  const toolchain =
    process.platform === 'win32'
      ? 'Visual Studio Build Tools with the "Desktop development with C++" workload, and Python 3'
      : process.platform === 'darwin'
        ? 'the Xcode Command Line Tools (xcode-select --install) and Python 3'
        : 'a C++ compiler, make and Python 3 (Debian/Ubuntu: apt-get install build-essential python3)';
  return (
    `Could not compile better-sqlite3 for Electron ${electronVersion}: the compiler toolchain is missing or failing (node-gyp's output is above). ` +
    `Install ${toolchain}, then run the command again. (${cause})`
  );
}

/** A package.json for an app folder that only exists to build better-sqlite3 in. */
export function buildAppManifest() {
  return { name: 'dateline-native-build', version: '0.0.0', private: true, dependencies: { 'better-sqlite3': sqliteVersion } };
}

export function emptyDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}
