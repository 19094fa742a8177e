import { join } from 'node:path';
import { buildSync } from 'esbuild';

/** Bundles an entry point the way the command line ships (one CommonJS file for plain Node), for a test to run as a process of its own. */
export function bundleForNode(entry: string, name: string): string {
  const outfile = join(import.meta.dirname, '../../dist/test-bundles', `${name}.cjs`);
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
  return outfile;
}
