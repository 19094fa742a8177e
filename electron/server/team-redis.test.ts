import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Result } from '@shared/api/result';
import type { TeamPerson } from '@shared/api/team';
import type { TeamRelease } from '@shared/api/team-releases';
import { releaseContentOf, seedReleaseDoc, setReleaseField } from '@shared/release/release-doc';
import { bundleForNode } from '../testing/bundle-for-node';
import { redisMissing, startRedis } from '../testing/redis-process';
import { addTeamUser, serveTeam } from '../testing/team-server-process';
import { documentFacts } from './release-documents';
import { syncRelease, until, type SyncedRelease } from '../testing/team-sync-client';
import { releaseContent, useTempDir } from '../testing/temp-store';

const tempDir = useTempDir();
const missing = redisMissing();
let serverScript: string;
beforeAll(() => {
  // A bundle of its own: test files run in parallel, and another may be writing dateline-server.cjs meanwhile.
  serverScript = bundleForNode(join(import.meta.dirname, 'main.ts'), 'dateline-server-for-redis');
});

const running: ChildProcess[] = [];
const clients: SyncedRelease[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

const password = 'harbour lights at dawn';
async function call<T>(url: string, method: string, input: unknown, token?: string): Promise<T> {
  const response = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}
const signIn = (url: string, name: string) => call<{ token: string; person: TeamPerson }>(url, 'signIn', { name, password });

describe('two team server processes sharing one database and one Redis', () => {
  it('pass what is typed on one to the people on the other', async () => {
    if (missing) return console.log(`skipped: ${missing}`);
    const redis = await startRedis();
    running.push(redis.child);
    const dataDir = tempDir();
    for (const name of ['Layla Nasser', 'Omar Khatib'])
      expect(addTeamUser(serverScript, dataDir, ['--name', name], password).status).toBe(0);
    const first = await serveTeam(serverScript, dataDir, ['--redis', redis.url]);
    running.push(first.child);
    const second = await serveTeam(serverScript, dataDir, ['--redis', redis.url]);
    running.push(second.child);

    const layla = await signIn(first.url, 'Layla Nasser');
    const omar = await signIn(second.url, 'Omar Khatib');
    const id = randomUUID();
    await call(first.url, 'registerRelease', { commandId: randomUUID(), id }, layla.token);
    const doc = new Y.Doc();
    seedReleaseDoc(doc, releaseContent({ headline: 'Harbour opens' }));
    const onFirst = syncRelease(first.url, id, layla.token, doc);
    const onSecond = syncRelease(second.url, id, omar.token);
    clients.push(onFirst, onSecond);

    await until(
      'the second server’s client has the headline typed on the first',
      () => releaseContentOf(onSecond.doc).headline === 'Harbour opens',
    );
    setReleaseField(onSecond.doc, 'subheadline', 'Typed on the second server');
    await until('the first server’s client has it', () => releaseContentOf(onFirst.doc).subheadline === 'Typed on the second server');
    setReleaseField(onFirst.doc, 'headline', 'Harbour opens on Monday');
    await until('and back again', () => releaseContentOf(onSecond.doc).headline === 'Harbour opens on Monday');
  });

  it('lets nobody approve words they changed on the other process, however soon the approval follows', async () => {
    if (missing) return console.log(`skipped: ${missing}`);
    const redis = await startRedis();
    running.push(redis.child);
    const dataDir = tempDir();
    expect(addTeamUser(serverScript, dataDir, ['--name', 'Layla Nasser'], password).status).toBe(0);
    expect(addTeamUser(serverScript, dataDir, ['--name', 'Omar Khatib', '--role', 'reviewer'], password).status).toBe(0);
    const first = await serveTeam(serverScript, dataDir, ['--redis', redis.url]);
    running.push(first.child);
    const second = await serveTeam(serverScript, dataDir, ['--redis', redis.url]);
    running.push(second.child);
    const layla = await signIn(first.url, 'Layla Nasser');
    const omar = await signIn(second.url, 'Omar Khatib');
    const id = randomUUID();
    await call(first.url, 'registerRelease', { commandId: randomUUID(), id }, layla.token);
    const doc = new Y.Doc();
    seedReleaseDoc(
      doc,
      releaseContent({ headline: 'Harbour opens', dateline: { city: 'Muscat', date: '2026-12-07' }, bodyText: ['The port reopens.'] }),
    );
    const onFirst = syncRelease(first.url, id, layla.token, doc);
    const onSecond = syncRelease(second.url, id, omar.token);
    clients.push(onFirst, onSecond);
    await until('the reviewer has the release', () => releaseContentOf(onSecond.doc).headline === 'Harbour opens');

    // The reviewer changes the words through the second process; the author submits on the first as soon as she sees them.
    setReleaseField(onSecond.doc, 'headline', 'Harbour opens on Monday');
    await until('the author has the change', () => releaseContentOf(onFirst.doc).headline === 'Harbour opens on Monday');
    const contentSha256 = documentFacts(onFirst.doc).contentSha256;
    const submitted = await call<TeamRelease>(
      first.url,
      'teamReleaseAction',
      { commandId: randomUUID(), id, action: 'submit', contentSha256 },
      layla.token,
    );
    expect(submitted.changedSinceSubmissionBy).toContain(omar.person.id);

    const refused = await fetch(`${second.url}/api/teamReleaseAction`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${omar.token}` },
      body: JSON.stringify({ commandId: randomUUID(), id, action: 'approve', contentSha256 }),
    }).then((response) => response.json() as Promise<Result<TeamRelease>>);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringMatching(/second pair of eyes/) } });
    expect((await call<TeamRelease>(second.url, 'teamRelease', { id }, omar.token)).status).toBe('in-review');
  });

  it('refuses to start when its Redis cannot be reached, rather than leave people typing past each other', async () => {
    const dataDir = tempDir();
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await expect(serveTeam(serverScript, dataDir, ['--redis', `redis://127.0.0.1:${closedPort}`])).rejects.toThrow(
      /exited with 1:[\s\S]*Redis at redis:\/\/127\.0\.0\.1:\d+ could not be reached/,
    );
  });
});
