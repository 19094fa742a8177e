import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ReleaseContent } from '@shared/release/content';
import { fromWire, toWire } from '@shared/api/wire';
import { bundleForNode } from '../testing/bundle-for-node';
import { cuttableLink, type CuttableLink } from '../testing/cuttable-link';
import { officePassword, openDesktop, openPage, type Desktop } from '../testing/team-desktop';
import { addTeamUser, serveTeam } from '../testing/team-server-process';
import { releaseContent, useTempDir } from '../testing/temp-store';

/*
 * The team server and one desktop run as processes of their own; the other
 * desktop runs in this one. The child desktop is cut off, both write into the
 * same release, the child is SIGKILLed and started again from its own log,
 * and the link mended: both end with the same document and every word.
 * Nothing here waits for time: each step waits for an answer or polls a
 * condition with a deadline.
 */
const tempDir = useTempDir();
let serverScript: string;
let desktopScript: string;
const running: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

beforeAll(() => {
  serverScript = bundleForNode(join(import.meta.dirname, '../server/main.ts'), 'dateline-server');
  desktopScript = bundleForNode(join(import.meta.dirname, '../testing/team-desktop-child.ts'), 'team-desktop-child');
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

/** The desktop in its own process: every request answered in order, after the backend returned. */
async function childDesktop(file: string) {
  const child = spawn(process.execPath, [desktopScript, file], { stdio: ['pipe', 'pipe', 'pipe'] });
  running.push(child);
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const answer = fromWire(line) as { ready?: true; n: number; ok: boolean; value?: unknown; message?: string };
    if (answer.ready) return ready();
    const pending = waiting.get(answer.n);
    waiting.delete(answer.n);
    if (answer.ok) pending?.resolve(answer.value);
    else pending?.reject(new Error(answer.message));
  });
  child.on('exit', () => {
    for (const pending of waiting.values()) pending.reject(new Error(`the desktop process ended: ${errors}`));
  });
  await Promise.race([
    started,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`the desktop process did not start: ${errors}`)), 15_000)),
  ]);
  let next = 0;
  const ask = <T>(request: object) =>
    new Promise<T>((resolve, reject) => {
      const n = ++next;
      waiting.set(n, { resolve: resolve as (value: unknown) => void, reject });
      child.stdin!.write(`${toWire({ n, ...request })}\n`);
    });
  return {
    call: <T>(method: string, input: unknown) => ask<T>({ call: method, input }),
    editField: (id: string, field: 'headline' | 'subheadline', text: string) => ask({ page: id, edit: { field, text } }),
    addParagraph: (id: string, text: string) => ask({ page: id, edit: { paragraph: text } }),
    read: (id: string) => ask<{ content: ReleaseContent; stateVector: Uint8Array }>({ page: id, read: true }),
    kill: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

async function eventually(description: string, check: () => Promise<boolean>, deadlineMs = 15_000) {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const synced = (status: { mode: string; online?: boolean; waiting?: number }) =>
  status.mode === 'team' && status.online === true && status.waiting === 0;
const bodyText = (content: ReleaseContent) => JSON.stringify(content.body);

describe('a desktop killed while cut off from the team server', () => {
  it('starts again from its own log and, once the link is back, holds the same document as everyone else', async () => {
    const dataDir = tempDir();
    for (const name of ['Amal Haddad', 'Badr Saleh'])
      expect(addTeamUser(serverScript, dataDir, ['--name', name], officePassword).status).toBe(0);
    const server = await serveTeam(serverScript, dataDir);
    running.push(server.child);

    const amal: Desktop = openDesktop(join(tempDir(), 'dateline.sqlite3'));
    cleanups.push(() => amal.close());
    await amal.call('connectTeam', { address: server.url, name: 'Amal Haddad', password: officePassword });
    const created = await amal.call('createRelease', {
      content: releaseContent({ headline: 'Port opens', dateline: { city: 'Abu Dhabi', date: '2026-12-01' }, bodyText: ['Quay one.'] }),
    });
    await eventually('Amal’s desktop has sent the release', async () => synced(await amal.status()));

    const link: CuttableLink = await cuttableLink(server.url);
    cleanups.push(() => link.close());
    const badrFile = join(tempDir(), 'dateline.sqlite3');
    let badr = await childDesktop(badrFile);
    await badr.call('connectTeam', { address: link.url, name: 'Badr Saleh', password: officePassword });
    await eventually('Badr’s desktop has Amal’s release', async () => {
      const listed = await badr.call<{ id: string; headline: string }[]>('listReleases', { view: 'active' });
      return listed.some((release) => release.id === created.id && release.headline === 'Port opens');
    });
    // An edit made online and acknowledged before the cut.
    await badr.addParagraph(created.id, 'Badr, online.');
    await eventually('Badr’s online edit is acknowledged', async () => synced(await badr.call('syncStatus', {})));

    await link.cut();
    await eventually('Badr’s desktop knows it is offline', async () => !(await badr.call<{ online: boolean }>('syncStatus', {})).online);
    await badr.editField(created.id, 'headline', 'Port opens early');
    await badr.addParagraph(created.id, 'Badr, offline.');
    const amalPage = await openPage(amal, created.id);
    await amalPage.edit((doc) => {
      const element = new Y.XmlElement('paragraph');
      element.insert(0, [new Y.XmlText('Amal, meanwhile.')]);
      doc.getXmlFragment('body').push([element]);
    });
    await amalPage.edit((doc) => doc.getMap('fields').set('dateline.city', new Y.Text('Dubai')));

    // Killed with its offline edits only in its log; started again on the same files, still offline.
    await badr.kill();
    badr = await childDesktop(badrFile);
    const afterRestart = await badr.read(created.id);
    expect(afterRestart.content.headline).toBe('Port opens early');
    expect(bodyText(afterRestart.content)).toContain('Badr, offline.');
    expect(bodyText(afterRestart.content)).toContain('Badr, online.');
    expect((await badr.call<{ waiting: number }>('syncStatus', {})).waiting).toBeGreaterThan(0);

    await link.mend();
    await eventually('Badr’s desktop has sent everything', async () => synced(await badr.call('syncStatus', {})));
    await eventually('Amal’s desktop has everything too', async () => synced(await amal.status()));
    let badrView = await badr.read(created.id);
    await eventually('both documents are the same', async () => {
      await amalPage.refresh();
      badrView = await badr.read(created.id);
      return Buffer.from(badrView.stateVector).equals(Buffer.from(Y.encodeStateVector(amalPage.doc)));
    });
    expect(badrView.content).toEqual(amalPage.content());
    for (const words of ['Quay one.', 'Badr, online.', 'Badr, offline.', 'Amal, meanwhile.'])
      expect(bodyText(amalPage.content())).toContain(words);
    expect(amalPage.content().headline).toBe('Port opens early');
    expect(amalPage.content().dateline.city).toBe('Dubai');

    // The derived JSON every list and export reads agrees on both desktops.
    const amalRelease = await amal.call('getRelease', { id: created.id });
    const badrRelease = await badr.call<{ content: ReleaseContent }>('getRelease', { id: created.id });
    expect(badrRelease.content).toEqual(amalRelease.content);
    expect(amalRelease.content).toEqual(amalPage.content());
  });
});
