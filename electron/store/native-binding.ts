import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The ABI a NAN native module was built for: Node's NODE_MODULE_INIT names its
 * entry point node_register_module_v<ABI>, so the number is in the file.
 */
export function builtAbi(file: string): number | null {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : null;
}

/**
 * In development better-sqlite3 is built twice: node_modules for Node (tests,
 * browser mode) and .electron-native/ for Electron (`npm start`). Use the
 * Electron build only when it fits the running process; a stale build (after
 * an Electron upgrade) is skipped, and the default load says what is wrong.
 */
export function developmentNativeBinding(appPath: string, runtimeAbi = Number(process.versions.modules)): string | undefined {
  const file = join(appPath, '.electron-native', 'better_sqlite3.node');
  return existsSync(file) && builtAbi(file) === runtimeAbi ? file : undefined;
}
