// Bundles the benchmark runner (Node) and the peers it measures against (browser) into dist/bench/.
import { build } from 'esbuild';

await Promise.all([
  build({
    entryPoints: ['bench/run.ts'],
    outfile: 'dist/bench/run.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  }),
  build({
    entryPoints: ['bench/export-worker.ts'],
    outfile: 'dist/bench/export-worker.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  }),
  build({ entryPoints: ['bench/peers.ts'], outfile: 'dist/bench/peers.js', bundle: true, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'warning' }),
]);
