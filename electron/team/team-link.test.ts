import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@shared/api/result';
import type { MethodName } from '@shared/api/contract';
import type { TeamPerson, TeamSession } from '@shared/api/team';
import { openBackend, teamSessionFileName, type Backend } from '../api/backend';
import { noDesktop, type DesktopServices, type SecretBox } from '../api/desktop-services';
import { dispatch } from '../api/dispatch';
import { bundleForNode } from '../testing/bundle-for-node';
import { addTeamUser, serveTeam } from '../testing/team-server-process';
import { useTempDir } from '../testing/temp-store';

const tempDir = useTempDir();
let serverScript: string;
beforeAll(() => {
  // Its own bundle name: team-server.test.ts builds the same entry, maybe at the same moment in another worker.
  serverScript = bundleForNode(join(import.meta.dirname, '../server/main.ts'), 'dateline-server-for-team-link');
});

const running: ChildProcess[] = [];
const opened: Backend[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
  for (const backend of opened.splice(0)) await backend.close();
});

const adminPassword = 'harbour lights at dawn';
const omarPassword = 'quay opens monday';

async function teamCall<T>(url: string, method: string, input: unknown, token?: string): Promise<T> {
  const response = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** A running team server with Layla Nasser (administrator, added on the command line) and Omar Khatib, a writer she added. */
async function office() {
  const dataDir = tempDir();
  expect(addTeamUser(serverScript, dataDir, ['--name', 'Layla Nasser', '--admin'], adminPassword).status).toBe(0);
  const server = await serveTeam(serverScript, dataDir);
  running.push(server.child);
  const { token: admin } = await teamCall<{ token: string }>(server.url, 'signIn', { name: 'Layla Nasser', password: adminPassword });
  await teamCall(server.url, 'addPerson', { name: 'Omar Khatib', role: 'writer', password: omarPassword }, admin);
  return { url: server.url, admin, child: server.child };
}

/** Stands in for the operating system's keychain, and remembers what it was given to seal. */
function testKeychain() {
  const sealed: string[] = [];
  const flip = (bytes: Uint8Array) => bytes.map((byte) => byte ^ 0x5a);
  const box: SecretBox = {
    seal: (text) => (sealed.push(text), flip(new TextEncoder().encode(text))),
    open: (bytes) => new TextDecoder().decode(flip(bytes)),
  };
  const desktop: DesktopServices = { ...noDesktop, secretBox: () => box };
  return { desktop, sealed };
}

const idOf = (result: Result<unknown>) => (result.ok ? (result.value as { id: number }).id : -1);

function open(dir: string, desktop: DesktopServices = noDesktop) {
  const backend = openBackend(join(dir, 'dateline.sqlite3'), {}, desktop);
  opened.push(backend);
  return (method: MethodName, input: unknown) => dispatch(backend.handlers, method, input);
}

describe('connecting Dateline to a team server', () => {
  it('signs in, makes the team person the one at the keyboard, keeps the session sealed, and shows a revoked session as signed out', async () => {
    const server = await office();
    const dir = tempDir();
    const keychain = testKeychain();
    const call = open(dir, keychain.desktop);
    const amal = await call('signIn', { name: 'Amal Haddad' });
    // Someone of the team person's name already here, as a reviewer: found, not added again, and given the team's role.
    const localOmar = await call('addPerson', { name: 'Omar Khatib', role: 'reviewer' });

    expect(await call('connectTeam', { address: server.url, name: 'Omar Khatib', password: 'not his password' })).toMatchObject({
      ok: false,
      error: { kind: 'refused', message: 'That name and password do not match.' },
    });
    expect(await call('teamConnection', {})).toEqual({ ok: true, value: { status: { state: 'not-connected' }, survivesRestart: true } });
    expect(await call('getSession', {})).toMatchObject({ ok: true, value: { person: { name: 'Amal Haddad' } } });

    const connected = await call('connectTeam', { address: `${server.url}/`, name: 'omar khatib', password: omarPassword });
    expect(connected).toMatchObject({
      ok: true,
      value: {
        connection: { status: { state: 'connected', server: server.url, person: { name: 'Omar Khatib', role: 'writer' } } },
        person: { id: idOf(localOmar), name: 'Omar Khatib', role: 'writer' },
      },
    });
    expect(await call('teamConnection', {})).toMatchObject({
      ok: true,
      value: { status: { state: 'connected', server: server.url, person: { name: 'Omar Khatib', admin: false } }, survivesRestart: true },
    });
    expect(await call('getSession', {})).toMatchObject({ ok: true, value: { person: { name: 'Omar Khatib', role: 'writer' } } });
    const created = await call('createRelease', {});
    expect(created).toMatchObject({ ok: true, value: { lastEditorName: 'Omar Khatib' } });

    // The team identity is who is at the keyboard: no switching person while it is signed in.
    const amalId = idOf(amal);
    for (const [method, input] of [
      ['switchPerson', { personId: amalId }],
      ['signIn', { name: 'Amal Haddad' }],
    ] as const)
      expect(await call(method, input)).toMatchObject({
        ok: false,
        error: { kind: 'refused', message: /Omar Khatib is signed in to the team server.*sign out in Team server first/ },
      });

    expect(await call('setPersonRole', { personId: idOf(localOmar), role: 'reviewer' })).toMatchObject({
      ok: false,
      error: { kind: 'refused', message: /role is set on the team server/ },
    });

    // On disk the token is only as the keychain sealed it.
    const sessionFile = join(dir, teamSessionFileName);
    expect(keychain.sealed).toHaveLength(1);
    expect(readFileSync(sessionFile, 'utf8')).not.toContain(keychain.sealed[0]);
    // A restart keeps the session, and who is at the keyboard.
    const restarted = open(dir, keychain.desktop);
    expect(await restarted('getSession', {})).toMatchObject({ ok: true, value: { person: { name: 'Omar Khatib' } } });
    expect(await restarted('teamConnection', {})).toMatchObject({ ok: true, value: { status: { state: 'connected' } } });

    // An administrator ends Omar's session on the server; the next status check says so, and the session is forgotten.
    const sessions = await teamCall<TeamSession[]>(server.url, 'listSessions', {}, server.admin);
    const omars = sessions.filter((session) => session.personName === 'Omar Khatib');
    expect(omars).toHaveLength(1);
    await teamCall(server.url, 'revokeSession', { sessionId: omars[0]!.id }, server.admin);
    expect(await restarted('teamConnection', {})).toEqual({
      ok: true,
      value: {
        status: { state: 'signed-out', server: server.url, reason: 'Sign in to the team server first (or again: the session has ended).' },
        survivesRestart: true,
      },
    });
    expect(existsSync(sessionFile)).toBe(false);
    expect(await restarted('switchPerson', { personId: amalId })).toMatchObject({ ok: true, value: { name: 'Amal Haddad' } });

    // Signing out tells the server, which then holds no session of Omar's.
    expect((await restarted('connectTeam', { address: server.url, name: 'Omar Khatib', password: omarPassword })).ok).toBe(true);
    expect(await restarted('disconnectTeam', {})).toEqual({ ok: true, value: { serverReached: true } });
    expect(await restarted('teamConnection', {})).toMatchObject({ ok: true, value: { status: { state: 'not-connected' } } });
    const after = await teamCall<TeamSession[]>(server.url, 'listSessions', {}, server.admin);
    expect(after.filter((session) => session.personName === 'Omar Khatib')).toEqual([]);
    expect(await restarted('switchPerson', { personId: amalId })).toMatchObject({ ok: true });
  });

  it('passes the administration calls to the server with the held session, where the server decides who may', async () => {
    const server = await office();
    const layla = open(tempDir());
    await layla('signIn', { name: 'Amal Haddad' });
    expect(await layla('teamPeople', {})).toMatchObject({
      ok: false,
      error: { kind: 'refused', message: 'Sign in to the team server first, in Team server.' },
    });
    expect((await layla('connectTeam', { address: server.url, name: 'Layla Nasser', password: adminPassword })).ok).toBe(true);

    const samirPassword = 'tide tables at noon';
    const added = await layla('teamAddPerson', { name: 'Samir Aziz', role: 'writer', password: samirPassword });
    expect(added).toMatchObject({ ok: true, value: { name: 'Samir Aziz', role: 'writer', admin: false, disabled: false } });
    expect(await layla('teamAddPerson', { name: 'Samir Aziz', role: 'writer', password: samirPassword })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', field: 'name', message: 'Samir Aziz is already on the team.' },
    });
    expect(await layla('teamAddPerson', { name: 'Nadia Saleh', role: 'writer', password: 'short' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', field: 'password' },
    });
    const people = await layla('teamPeople', {});
    expect(people.ok && (people.value as TeamPerson[]).map((person) => person.name)).toEqual(['Layla Nasser', 'Omar Khatib', 'Samir Aziz']);

    // Samir signs in from another Dateline: he sees the people and his own session, and the server refuses him the rest.
    const samir = open(tempDir());
    expect((await samir('connectTeam', { address: server.url, name: 'Samir Aziz', password: samirPassword })).ok).toBe(true);
    expect((await samir('teamPeople', {})).ok).toBe(true);
    const refusal = { ok: false, error: { kind: 'refused', message: 'Only an administrator of the team server can do that.' } };
    expect(await samir('teamAddPerson', { name: 'Mallory Finch', role: 'reviewer', password: 'i approve myself' })).toEqual(refusal);
    expect(await samir('teamSetRole', { personId: idOf(added), role: 'reviewer', admin: true })).toEqual(refusal);
    const samirsOwn = await samir('teamSessions', {});
    expect(samirsOwn).toMatchObject({ ok: true, value: [{ personName: 'Samir Aziz', current: true }] });

    expect(await layla('teamSetRole', { personId: idOf(added), role: 'reviewer', admin: false })).toMatchObject({
      ok: true,
      value: { name: 'Samir Aziz', role: 'reviewer' },
    });
    const everyone = await layla('teamSessions', {});
    const sessions = everyone.ok ? (everyone.value as TeamSession[]) : [];
    expect(sessions.map((session) => session.personName).sort()).toEqual(['Layla Nasser', 'Layla Nasser', 'Samir Aziz']);
    const samirsSession = sessions.find((session) => session.personName === 'Samir Aziz')!;
    expect(await layla('teamRevokeSession', { sessionId: samirsSession.id })).toEqual({ ok: true, value: {} });
    expect(await samir('teamConnection', {})).toMatchObject({
      ok: true,
      value: { status: { state: 'signed-out', server: server.url, reason: /the session has ended/ } },
    });
    expect(await samir('teamSessions', {})).toMatchObject({
      ok: false,
      error: { kind: 'refused', message: /Sign in to the team server first/ },
    });

    // A disabled account cannot sign in again.
    expect(await layla('teamSetDisabled', { personId: idOf(added), disabled: true })).toMatchObject({
      ok: true,
      value: { disabled: true },
    });
    expect(await samir('connectTeam', { address: server.url, name: 'Samir Aziz', password: samirPassword })).toMatchObject({
      ok: false,
      error: { kind: 'refused' },
    });
  });

  it('keeps the session while the server cannot be reached, and forgets it on sign-out all the same', async () => {
    const server = await office();
    const call = open(tempDir());
    await call('signIn', { name: 'Amal Haddad' });
    expect((await call('connectTeam', { address: server.url, name: 'Layla Nasser', password: adminPassword })).ok).toBe(true);
    server.child.kill('SIGKILL');
    await new Promise((exited) => server.child.once('exit', exited));

    const status = await call('teamConnection', {});
    expect(status).toMatchObject({
      ok: true,
      value: {
        status: { state: 'unreachable', person: { name: 'Layla Nasser' }, reason: /nothing answered at that address/ },
        survivesRestart: false,
      },
    });
    expect(await call('getSession', {})).toMatchObject({ ok: true, value: { person: { name: 'Layla Nasser', role: 'reviewer' } } });
    expect(await call('switchPerson', { personId: 1 })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await call('disconnectTeam', {})).toEqual({ ok: true, value: { serverReached: false } });
    expect(await call('teamConnection', {})).toMatchObject({ ok: true, value: { status: { state: 'not-connected' } } });
  });

  it('keeps the token only in memory without a keychain (browser mode), and refuses an address that is not http(s)', async () => {
    const server = await office();
    const dir = tempDir();
    const call = open(dir);
    await call('signIn', { name: 'Amal Haddad' });
    expect(await call('connectTeam', { address: 'ftp://team.example.org', name: 'Omar Khatib', password: omarPassword })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', field: 'address' },
    });
    const connected = await call('connectTeam', { address: server.url, name: 'Omar Khatib', password: omarPassword });
    expect(connected).toMatchObject({ ok: true, value: { connection: { survivesRestart: false } } });
    expect(existsSync(join(dir, teamSessionFileName))).toBe(false);
    expect(await open(dir)('teamConnection', {})).toMatchObject({ ok: true, value: { status: { state: 'not-connected' } } });
    expect(await call('teamConnection', {})).toMatchObject({ ok: true, value: { status: { state: 'connected' } } });
  });
});
