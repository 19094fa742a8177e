import { join } from 'node:path';
import type { Result } from '@shared/api/result';
import type { TeamPerson } from '@shared/api/team';
import { fromWire, toWire } from '@shared/api/wire';
import type { Role } from '@shared/review/workflow';
import { startTeamServer, type TeamServer } from '../server/team-server';
import { TeamStore } from '../server/team-store';

/**
 * A real team server in this process, on a free loopback port, over a real
 * SQLite file in dataDir, for tests that look inside it while clients talk to
 * it over HTTP and the sync socket.
 */
export interface Office {
  url: string;
  store: TeamStore;
  server: TeamServer;
  /** Adds a person (on the command line's path) and signs them in over HTTP. */
  join(name: string, role: Role, admin?: boolean): Promise<{ token: string; person: TeamPerson }>;
  call<T = unknown>(method: string, input: unknown, token?: string): Promise<Result<T>>;
  /** The value of a call that must succeed. */
  value<T = unknown>(method: string, input: unknown, token?: string): Promise<T>;
  stop(): Promise<void>;
}

const password = 'harbour lights at dawn';

export async function openOffice(dataDir: string, options: { redis?: string } = {}): Promise<Office> {
  const store = new TeamStore(join(dataDir, 'team.sqlite3'));
  const server = await startTeamServer({ store, port: 0, redis: options.redis });
  const call = async <T>(method: string, input: unknown, token?: string): Promise<Result<T>> => {
    const response = await fetch(`${server.url}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: toWire(input),
    });
    return fromWire(await response.text()) as Result<T>;
  };
  const value = async <T>(method: string, input: unknown, token?: string): Promise<T> => {
    const result = await call<T>(method, input, token);
    if (!result.ok) throw new Error(`${method}: ${result.error.kind}: ${result.error.message}`);
    return result.value;
  };
  let stopped = false;
  return {
    url: server.url,
    store,
    server,
    call,
    value,
    join: async (name, role, admin = false) => {
      const known = store.listPeople().some((person) => person.name === name);
      if (!known) await store.addPerson(null, { name, role, admin, password });
      return value<{ token: string; person: TeamPerson }>('signIn', { name, password });
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.close();
      store.close();
    },
  };
}
