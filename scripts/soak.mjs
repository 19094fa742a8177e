// npm run soak: the property and SIGKILL tests of npm test, run far longer (not part of npm test).
// Each setting can be given in the environment; fresh seeds each time, printed, so a failure replays
// with DATELINE_PROPERTY_SEED or DATELINE_KILL_SEED.
import { spawnSync } from 'node:child_process';

const freshSeed = () => String(Date.now() % 1_000_000_007);
const settings = {
  DATELINE_PROPERTY_RUNS: process.env.DATELINE_PROPERTY_RUNS ?? '800',
  DATELINE_PROPERTY_SEED: process.env.DATELINE_PROPERTY_SEED ?? freshSeed(),
  DATELINE_KILLS: process.env.DATELINE_KILLS ?? '2000',
  DATELINE_KILL_SEED: process.env.DATELINE_KILL_SEED ?? freshSeed(),
};
console.log(
  `Soak: ${Object.entries(settings)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ')}`,
);
const started = Date.now();
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', 'electron/api/dispatch.property.test.ts', 'electron/store/sigkill.test.ts'],
  { stdio: 'inherit', env: { ...process.env, ...settings } },
);
console.log(`Soak ${run.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 60_000).toFixed(1)} minutes.`);
process.exit(run.status ?? 1);
