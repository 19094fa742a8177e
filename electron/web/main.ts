import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '../api/backend';
import { describeOpenFailure } from '../store/errors';
import { databaseFileName, defaultDataDirectory } from '../store/data-location';
import { startWebHost } from './host';

const usage = `Usage: npm run web -- [--data-dir DIR] [--port N]

Serves Dateline in browser mode on 127.0.0.1 and prints the address to open.
  --data-dir DIR  folder of the database (default: $DATELINE_DATA_DIR, else the desktop app's, ${defaultDataDirectory()})
  --port N        port to listen on (default: any free port)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not ${values.port}`);
  const dataDir = resolve(values['data-dir'] ?? process.env.DATELINE_DATA_DIR ?? defaultDataDirectory());
  mkdirSync(dataDir, { recursive: true });
  const databaseFile = join(dataDir, databaseFileName);

  const backend = openBackend(databaseFile);
  const host = await startWebHost({ backend, staticDir: resolve(__dirname, '../renderer'), port });
  console.log(`Dateline (browser mode) is running at ${host.url}`);
  console.log(`Data: ${databaseFile}`);

  const stop = async () => {
    await host.close();
    backend.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Dateline could not start: ${describeOpenFailure(error)}`);
  process.exit(1);
});
