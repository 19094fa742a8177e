// Bundles the Node-side entry points. The Electron main process and preload are
// CommonJS (a sandboxed preload cannot load ES modules); better-sqlite3 stays
// external because it is a native module.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/shell/main.ts'],
    outfile: 'dist/electron/main.cjs',
    external: ['electron', 'better-sqlite3'],
  }),
  build({ ...common, entryPoints: ['electron/shell/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] }),
  build({ ...common, entryPoints: ['electron/web/main.ts'], outfile: 'dist/web/host.cjs', external: ['better-sqlite3'] }),
  build({
    ...common,
    entryPoints: ['electron/cli/main.ts'],
    outfile: 'dist/cli/dateline.cjs',
    external: ['better-sqlite3'],
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({
    ...common,
    entryPoints: ['electron/server/main.ts'],
    outfile: 'dist/server/dateline-server.cjs',
    external: ['better-sqlite3'],
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
