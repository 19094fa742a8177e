import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiFailure } from '@shared/api/result';
import { passwordSchema } from '@shared/api/team';
import { roles, type Role } from '@shared/review/workflow';
import { log } from '../log/log';
import { startTeamServer } from './team-server';
import { TeamStore } from './team-store';

const usage = `Usage: dateline-server [serve] [--data-dir DIR] [--port N] [--host ADDRESS] [--cert FILE --key FILE] [--redis URL]
       dateline-server add-user --name NAME [--role writer|reviewer] [--admin] [--data-dir DIR]

serve      runs the team server (the default command). It listens on 127.0.0.1:4870 unless told
           otherwise; for an office network give --host 0.0.0.0 and either --cert and --key (PEM
           files) for HTTPS, or put it behind a reverse proxy that adds HTTPS (README, "Team server").
add-user   adds a person; the first one should be an --admin, who then adds the others in the app.
           The password is read from the first line of standard input (typed without echo at a
           terminal) and stored only as a scrypt hash.

  --data-dir DIR  where the server keeps team.sqlite3 (default: $DATELINE_SERVER_DATA_DIR, else ./dateline-server-data)
  --port N        port to listen on (default 4870; 0 picks a free one)
  --redis URL     redis://host:port of a Redis that two or more server processes sharing this data folder use to pass
                  each other what is typed (README, "Team server")`;

const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;
class UsageError extends Error {}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      redis: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      admin: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return exitCodes.ok;
  }
  const command = positionals[0] ?? 'serve';
  const dataDir = resolve(values['data-dir'] ?? process.env.DATELINE_SERVER_DATA_DIR ?? 'dateline-server-data');
  mkdirSync(dataDir, { recursive: true });
  log.attach(join(dataDir, 'logs'));
  const store = new TeamStore(join(dataDir, 'team.sqlite3'));

  if (command === 'add-user') {
    try {
      if (!values.name) throw new UsageError('--name NAME is required');
      const role = (values.role ?? (values.admin ? 'reviewer' : 'writer')) as Role;
      if (!roles.includes(role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
      const password = passwordSchema.safeParse(await readPassword());
      if (!password.success) throw new UsageError(`The password was not accepted: ${password.error.issues[0]?.message}`);
      const person = await store.addPerson(null, { name: values.name, role, admin: values.admin ?? false, password: password.data });
      console.log(`Added ${person.name} (${person.role}${person.admin ? ', administrator' : ''}).`);
      return exitCodes.ok;
    } finally {
      store.close();
    }
  }
  if (command !== 'serve') throw new UsageError(`unknown command "${command}"`);

  const port = Number(values.port ?? 4870);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535`);
  if (Boolean(values.cert) !== Boolean(values.key)) throw new UsageError('--cert and --key go together');
  const tls = values.cert && values.key ? { cert: readFileSync(values.cert), key: readFileSync(values.key) } : undefined;
  const host = values.host ?? '127.0.0.1';
  const server = await startTeamServer({ store, port, host, tls, redis: values.redis });
  console.log(`Dateline team server listening on ${server.url}`);
  console.log(`Data: ${join(dataDir, 'team.sqlite3')}`);
  if (!tls && host !== '127.0.0.1' && host !== '::1')
    console.log('Without --cert and --key, passwords cross the network unencrypted: put an HTTPS reverse proxy in front.');
  log.info(`Team server started on ${server.url}`);
  const stop = async () => {
    await server.close();
    store.close();
    process.exit(exitCodes.ok);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return new Promise<number>(() => {});
}

/** The first line of standard input; at a terminal, typed without echo. */
function readPassword(): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return new Promise((resolvePassword, reject) => {
      let text = '';
      input.setEncoding('utf8');
      input.on('data', (chunk: string) => (text += chunk));
      input.on('end', () => resolvePassword(text.split(/\r?\n/)[0] ?? ''));
      input.on('error', reject);
    });
  }
  process.stdout.write('Password: ');
  input.setRawMode(true);
  input.setEncoding('utf8');
  return new Promise((resolvePassword) => {
    let typed = '';
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n' || character === '\u0004') {
          input.setRawMode(false);
          input.off('data', onData);
          input.pause();
          process.stdout.write('\n');
          return resolvePassword(typed);
        }
        if (character === '\u0003') process.exit(exitCodes.usage);
        typed = character === '\u007f' ? typed.slice(0, -1) : typed + character;
      }
    };
    input.on('data', onData);
  });
}

run(process.argv.slice(2)).then(
  // Set, not exit: what was written to a pipe is flushed before the process ends.
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`dateline-server: ${error.message}\n\n${usage}`);
      process.exit(exitCodes.usage);
    }
    console.error(`dateline-server: ${error instanceof ApiFailure ? error.error.message : (error as Error).message}`);
    process.exit(exitCodes.failed);
  },
);
