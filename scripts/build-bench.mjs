// Bundles the benchmark runner and its export worker (Node) and the peers the
// editor is measured against (browser) into dist/bench/.
import { build } from 'esbuild';

const node = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' };

await Promise.all([
  build({ ...node, entryPoints: ['bench/run.ts'], outfile: 'dist/bench/run.mjs' }),
  build({ ...node, entryPoints: ['bench/export-worker.ts'], outfile: 'dist/bench/export-worker.mjs' }),
  build({
    entryPoints: ['bench/peers.ts'],
    outfile: 'dist/bench/peers.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    logLevel: 'warning',
  }),
]);
