import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../testing/temp-store';
import { builtAbi, developmentNativeBinding } from './native-binding';

const tempDir = useTempDir();
const require = createRequire(import.meta.url);
const nodeBuild = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

describe('choosing the native SQLite module', () => {
  it('reads the ABI a module was built for from the module itself', () => {
    expect(builtAbi(nodeBuild)).toBe(Number(process.versions.modules));
  });

  it('uses the Electron build only when it fits the running process', () => {
    const app = tempDir();
    expect(developmentNativeBinding(app)).toBeUndefined();
    mkdirSync(join(app, '.electron-native'));
    const electronBuild = join(app, '.electron-native', 'better_sqlite3.node');
    // A stand-in carrying only the entry point's name: enough for the check, which reads nothing else.
    writeFileSync(electronBuild, 'ELF…node_register_module_v140…');
    expect(developmentNativeBinding(app, 140)).toBe(electronBuild);
    expect(developmentNativeBinding(app, Number(process.versions.modules))).toBeUndefined();
  });
});
