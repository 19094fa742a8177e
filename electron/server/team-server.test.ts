import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@shared/api/result';
import type { TeamAuditEntry, TeamPerson, TeamSession } from '@shared/api/team';
import { bundleForNode } from '../testing/bundle-for-node';
import { addTeamUser, serveTeam } from '../testing/team-server-process';
import { useTempDir } from '../testing/temp-store';

const tempDir = useTempDir();
let serverScript: string;
beforeAll(() => {
  // The server as it ships: one bundled file, run by plain Node in a process of its own.
  serverScript = bundleForNode(join(import.meta.dirname, 'main.ts'), 'dateline-server');
});

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

const adminPassword = 'harbour lights at dawn';

const addUser = (dataDir: string, args: string[], password: string) => addTeamUser(serverScript, dataDir, args, password);

async function serve(dataDir: string, extra: string[] = []): Promise<string> {
  const started = await serveTeam(serverScript, dataDir, extra);
  running.push(started.child);
  return started.url;
}

async function call<T = unknown>(url: string, method: string, input: unknown, token?: string): Promise<Result<T>> {
  const response = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return (await response.json()) as Result<T>;
}
async function value<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`${settled.error.kind}: ${settled.error.message}`);
  return settled.value;
}
const signIn = (url: string, name: string, password: string) =>
  value(call<{ token: string; person: TeamPerson }>(url, 'signIn', { name, password }));

/** A running server whose first administrator was added on the command line. */
async function office() {
  const dataDir = tempDir();
  const added = addUser(dataDir, ['--name', 'Layla Nasser', '--admin'], adminPassword);
  expect(added.status, added.stderr).toBe(0);
  expect(added.stdout).toContain('Added Layla Nasser (reviewer, administrator).');
  const url = await serve(dataDir);
  const admin = await signIn(url, 'Layla Nasser', adminPassword);
  return { dataDir, url, admin: admin.token };
}
const audit = (url: string, token: string) => value(call<TeamAuditEntry[]>(url, 'listTeamAudit', {}, token));

describe('the team server', () => {
  it('starts from the command line with a first administrator, whose password is stored only as a scrypt hash', async () => {
    const { dataDir, url, admin } = await office();
    expect(await value(call(url, 'whoAmI', {}, admin))).toMatchObject({ name: 'Layla Nasser', role: 'reviewer', admin: true });
    const db = new Database(join(dataDir, 'team.sqlite3'), { readonly: true });
    const stored = db.prepare(`SELECT password_hash FROM people`).pluck().get() as string;
    db.close();
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(readFileSync(join(dataDir, 'team.sqlite3')).includes(Buffer.from(adminPassword))).toBe(false);
    expect(addUser(dataDir, ['--name', 'Omar Khatib'], 'short').stderr).toMatch(/at least 10 characters/);
  });

  it('lets an administrator add people; a writer cannot, and no request can say who is calling', async () => {
    const { url, admin } = await office();
    const omar = await value(
      call<TeamPerson>(url, 'addPerson', { name: 'Omar Khatib', role: 'writer', password: 'quay opens monday' }, admin),
    );
    const writer = await signIn(url, 'omar khatib', 'quay opens monday');
    expect(writer.person).toEqual(omar);
    const refused = await call(url, 'addPerson', { name: 'Mallory', role: 'reviewer', password: 'i approve myself' }, writer.token);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'refused', message: /Only an administrator/ } });
    // Naming someone else in the input is not read, it is refused.
    const claiming = await call(url, 'whoAmI', { personId: 1 }, writer.token);
    expect(claiming).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await value(call<TeamPerson>(url, 'whoAmI', {}, writer.token))).toMatchObject({ name: 'Omar Khatib', admin: false });
    expect((await call(url, 'listPeople', {})).ok).toBe(false);
    expect((await value(call<TeamPerson[]>(url, 'listPeople', {}, admin))).map((person) => person.name)).toEqual([
      'Layla Nasser',
      'Omar Khatib',
    ]);
  });

  it('ends a revoked session and every session of a disabled account at their next request, and keeps one administrator', async () => {
    const { url, admin } = await office();
    const omar = await value(
      call<TeamPerson>(url, 'addPerson', { name: 'Omar Khatib', role: 'writer', password: 'quay opens monday' }, admin),
    );
    const laptop = await signIn(url, 'Omar Khatib', 'quay opens monday');
    const desk = await signIn(url, 'Omar Khatib', 'quay opens monday');
    const sessions = await value(call<TeamSession[]>(url, 'listSessions', {}, admin));
    const laptopSession = sessions.find((session) => session.personId === omar.id && !session.current)!;
    await value(call(url, 'revokeSession', { sessionId: laptopSession.id }, admin));
    const afterRevoke = [await call(url, 'whoAmI', {}, laptop.token), await call(url, 'whoAmI', {}, desk.token)];
    expect(afterRevoke.map((result) => result.ok).sort()).toEqual([false, true]);

    await value(call(url, 'setDisabled', { personId: omar.id, disabled: true }, admin));
    for (const token of [laptop.token, desk.token]) expect((await call(url, 'whoAmI', {}, token)).ok).toBe(false);
    expect(await call(url, 'signIn', { name: 'Omar Khatib', password: 'quay opens monday' })).toMatchObject({
      ok: false,
      error: { message: /disabled/ },
    });

    const me = (await value(call<TeamPerson>(url, 'whoAmI', {}, admin))).id;
    expect(await call(url, 'setRole', { personId: me, role: 'reviewer', admin: false }, admin)).toMatchObject({
      ok: false,
      error: { message: /at least one administrator/ },
    });
    expect((await audit(url, admin)).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['add-person', 'sign-in', 'revoke-session', 'disable', 'sign-in-failed']),
    );
  });

  it('refuses a name after five wrong passwords, even with the right one, and audits every try', async () => {
    const { url, admin } = await office();
    await value(call(url, 'addPerson', { name: 'Omar Khatib', role: 'writer', password: 'quay opens monday' }, admin));
    const answers: string[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      const result = await call(url, 'signIn', { name: 'Omar Khatib', password: `guess number ${attempt}` });
      answers.push(result.ok ? 'signed in' : result.error.message);
    }
    expect(answers.slice(0, 5)).toEqual(Array(5).fill('That name and password do not match.'));
    expect(
      answers.slice(5).every((answer) => /^Too many wrong passwords for this name\. Try again after \d\d:\d\d UTC\.$/.test(answer)),
    ).toBe(true);
    expect(await call(url, 'signIn', { name: 'Omar Khatib', password: 'quay opens monday' })).toMatchObject({
      ok: false,
      error: { message: /Too many wrong passwords/ },
    });
    // Tries sent all at once get no more than five past the lock between them.
    await value(call(url, 'addPerson', { name: 'Badr Saleh', role: 'reviewer', password: 'eastern quay opens' }, admin));
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, attempt) => call(url, 'signIn', { name: 'Badr Saleh', password: `parallel guess ${attempt}` })),
    );
    expect(burst.filter((result) => !result.ok && result.error.message === 'That name and password do not match.')).toHaveLength(5);
    // An unknown name reads the same as a wrong password.
    expect(await call(url, 'signIn', { name: 'Nobody Here', password: 'quay opens monday' })).toMatchObject({
      ok: false,
      error: { message: 'That name and password do not match.' },
    });
    const failures = (await audit(url, admin)).filter((entry) => entry.action === 'sign-in-failed' && entry.details.name === 'Omar Khatib');
    expect(failures).toHaveLength(21);
  });

  it('serves HTTPS from --cert and --key', async () => {
    const dir = tempDir();
    const openssl = spawnSync('openssl', ['version']);
    if (openssl.status !== 0) return console.log('skipped: openssl is not installed here, so no certificate can be made');
    execFileSync('openssl', [
      'req',
      ...['-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
      ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ]);
    addUser(dir, ['--name', 'Layla Nasser', '--admin'], adminPassword);
    const url = await serve(dir, ['--cert', join(dir, 'cert.pem'), '--key', join(dir, 'key.pem')]);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const answer = await new Promise<string>((resolve, reject) => {
      const request = httpsRequest(
        `${url}/api/signIn`,
        { method: 'POST', ca: readFileSync(join(dir, 'cert.pem')), headers: { 'Content-Type': 'application/json' } },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve(body));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ name: 'Layla Nasser', password: adminPassword }));
    });
    expect(JSON.parse(answer)).toMatchObject({ ok: true, value: { person: { name: 'Layla Nasser' } } });
  });
});
