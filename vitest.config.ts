import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit and integration tests under plain Node, against a real SQLite file.
export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    // Generous bounds, not targets: the CLI tests start processes and the property tests run
    // hundreds of cases, on a shared two-core machine that is sometimes busy (speed lives in npm run bench).
    testTimeout: 60_000,
  },
});
