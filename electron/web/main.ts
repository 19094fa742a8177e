import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '../api/backend';
import { log } from '../log/log';
import { describeOpenFailure } from '../store/errors';
import { databaseFileName, defaultDataDirectory, logDirectory, resolveDataDirectory } from '../store/data-location';
import { startWebHost } from './host';

const usage = `Usage: npm run web -- [--data-dir DIR] [--port N]

Serves Dateline in browser mode on 127.0.0.1 and prints the address to open.
  --data-dir DIR  folder of the database and its logs/ (default: $DATELINE_DATA_DIR, else the desktop app's, ${defaultDataDirectory()})
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
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a whole number from 0 to 65535, not ${values.port}`);
  const dataDir = resolveDataDirectory(values['data-dir'] ?? process.env.DATELINE_DATA_DIR);
  log.attach(logDirectory(dataDir));
  const databaseFile = join(dataDir, databaseFileName);

  const backend = openBackend(databaseFile, { automaticBackups: true });
  const host = await startWebHost({
    backend,
    staticDir: resolve(__dirname, '../renderer'),
    port,
    // Each address opens one tab once, so whoever sees an old one in a history or a screenshot cannot use it.
    onNextLink: (url) => console.log(`For another tab or browser, open ${url}`),
  });
  log.info(`Browser mode started on 127.0.0.1:${host.port}, data in ${databaseFile}`);
  console.log(`Dateline (browser mode) is running at ${host.url}`);
  console.log(`Data: ${databaseFile}`);
  console.log(`Log: ${log.file() ?? 'this terminal (the log file cannot be written)'}`);

  const stop = async () => {
    log.info('Browser mode stopped');
    await host.close();
    await backend.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // The person reads why on the terminal; the log, once there is one, keeps the stack.
  if (log.file()) log.error('Browser mode could not start', error);
  console.error(`Dateline could not start: ${describeOpenFailure(error)}`);
  process.exit(1);
});
