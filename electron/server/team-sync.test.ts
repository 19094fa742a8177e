import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { releaseContentOf, seedReleaseDoc, setReleaseField } from '@shared/release/release-doc';
import { emptyReleaseContent } from '@shared/release/content';
import type { TeamRelease } from '@shared/api/team-releases';
import { openOffice, type Office } from '../testing/team-office';
import { DocumentStore } from './release-documents';
import { syncRelease, until, type SyncedRelease } from '../testing/team-sync-client';
import { useTempDir } from '../testing/temp-store';

const tempDir = useTempDir();
const offices: Office[] = [];
const clients: SyncedRelease[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const office of offices.splice(0)) await office.stop();
});

async function office(dataDir = tempDir()) {
  const opened = await openOffice(dataDir);
  offices.push(opened);
  return opened;
}
function sync(url: string, releaseId: string, token: string, doc?: Y.Doc) {
  const client = syncRelease(url, releaseId, token, doc);
  clients.push(client);
  return client;
}
const headline = (client: SyncedRelease) => releaseContentOf(client.doc).headline;

/** A release registered by its author, seeded on the author's side as a desktop does where a release is born. */
async function newRelease(team: Office, token: string) {
  const id = randomUUID();
  await team.value<TeamRelease>('registerRelease', { commandId: randomUUID(), id }, token);
  const doc = new Y.Doc();
  seedReleaseDoc(doc, { ...emptyReleaseContent(), headline: 'Harbour opens' });
  return { id, doc };
}

describe('the sync socket', () => {
  it('lets two people type into one release and see each other, and keeps the words in the server’s SQLite across a restart', async () => {
    const dataDir = tempDir();
    const team = await office(dataDir);
    const layla = await team.join('Layla Nasser', 'writer');
    const omar = await team.join('Omar Khatib', 'writer');
    const { id, doc } = await newRelease(team, layla.token);
    const author = sync(team.url, id, layla.token, doc);
    const colleague = sync(team.url, id, omar.token);
    await until('the colleague sees the author’s headline', () => headline(colleague) === 'Harbour opens');
    setReleaseField(colleague.doc, 'headline', 'Harbour opens today');
    await until('the author sees the colleague’s words', () => headline(author) === 'Harbour opens today');
    expect(author.scopes).toEqual(['read-write']);

    for (const client of clients.splice(0)) client.destroy();
    await team.stop();
    const again = await office(dataDir);
    const reader = sync(again.url, id, (await again.join('Omar Khatib', 'writer')).token);
    await until('a new copy gets the words from the restarted server', () => headline(reader) === 'Harbour opens today');
  });

  it('refuses a socket without a session, with an ended one, or for a release the server does not know', async () => {
    const team = await office();
    const layla = await team.join('Layla Nasser', 'writer');
    const { id } = await newRelease(team, layla.token);
    const stranger = sync(team.url, id, 'not-a-session');
    const unknown = sync(team.url, randomUUID(), layla.token);
    await until('both are refused', () => stranger.refusals.length > 0 && unknown.refusals.length > 0);
    expect(stranger.refusals[0]).toMatch(/session has ended/);
    expect(unknown.refusals[0]).toMatch(/no such release/);
  });

  it('closes an open socket when its session is revoked, and applies nothing sent on it afterwards', async () => {
    const team = await office();
    const admin = await team.join('Layla Nasser', 'reviewer', true);
    const omar = await team.join('Omar Khatib', 'writer');
    const { id, doc } = await newRelease(team, admin.token);
    const author = sync(team.url, id, admin.token, doc);
    const writer = sync(team.url, id, omar.token);
    await until('the writer is in', () => headline(writer) === 'Harbour opens');
    const sessions = await team.value<{ id: number; personId: number }[]>('listSessions', {}, admin.token);
    const omarSession = sessions.find((session) => session.personId === omar.person.id)!;
    await team.value('revokeSession', { sessionId: omarSession.id }, admin.token);
    await until('the writer’s socket is closed', () => writer.closes.length > 0);
    await until('the writer is refused on reconnecting', () => writer.refusals.length > 0);
    setReleaseField(writer.doc, 'headline', 'Written after the session ended');
    setReleaseField(author.doc, 'subheadline', 'a later edit by the author');
    const reader = sync(team.url, id, admin.token);
    await until('a new copy has the author’s later edit', () => releaseContentOf(reader.doc).subheadline === 'a later edit by the author');
    expect(headline(reader)).toBe('Harbour opens');
    expect((await team.call('whoAmI', {}, omar.token)).ok).toBe(false);
  });

  it('closes the sockets of an account an administrator disables, and of a session signed out', async () => {
    const team = await office();
    const admin = await team.join('Layla Nasser', 'reviewer', true);
    const omar = await team.join('Omar Khatib', 'writer');
    const badr = await team.join('Badr Saleh', 'writer');
    const { id, doc } = await newRelease(team, admin.token);
    sync(team.url, id, admin.token, doc);
    const disabled = sync(team.url, id, omar.token);
    const leaving = sync(team.url, id, badr.token);
    await until('both are in', () => headline(disabled) === 'Harbour opens' && headline(leaving) === 'Harbour opens');
    await team.value('setDisabled', { personId: omar.person.id, disabled: true }, admin.token);
    await team.value('signOut', {}, badr.token);
    await until('both sockets are closed', () => disabled.closes.length > 0 && leaving.closes.length > 0);
    await until('and refused when they try again', () => disabled.refusals.length > 0 && leaving.refusals.length > 0);
  });

  it('merges what was typed offline on reconnecting without losing a word, and passes carets between people', async () => {
    const team = await office();
    const layla = await team.join('Layla Nasser', 'writer');
    const omar = await team.join('Omar Khatib', 'writer');
    const { id, doc } = await newRelease(team, layla.token);
    const author = sync(team.url, id, layla.token, doc);
    const colleague = sync(team.url, id, omar.token);
    await until('the colleague has the release', () => headline(colleague) === 'Harbour opens');

    colleague.provider.setAwarenessField('user', { name: 'Omar Khatib' });
    await until('the author sees the colleague’s caret', () =>
      [...author.provider.awareness!.getStates().values()].some((state) => state.user?.name === 'Omar Khatib'),
    );

    colleague.socket.disconnect();
    await until('the colleague is offline', () => colleague.socket.status === 'disconnected');
    setReleaseField(colleague.doc, 'subheadline', 'Written on the train');
    setReleaseField(author.doc, 'headline', 'Harbour opens today');
    await until('the server has the author’s headline', async () => {
      const release = await team.value<TeamRelease>('teamRelease', { id }, layla.token);
      return release.headline === 'Harbour opens today';
    });
    await colleague.socket.connect();
    for (const client of [author, colleague])
      await until('both copies hold both edits', () => {
        const content = releaseContentOf(client.doc);
        return content.headline === 'Harbour opens today' && content.subheadline === 'Written on the train';
      });
  });

  it('stores a document merged with what another server process stored, and without the text deleted since', async () => {
    const team = await office();
    const { id } = await newRelease(team, (await team.join('Layla Nasser', 'writer')).token);
    const documents = new DocumentStore(team.store.db);
    const mine = new Y.Doc();
    seedReleaseDoc(mine, { ...emptyReleaseContent(), headline: 'Harbour opens', boilerplate: 'About the authority '.repeat(500) });
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    documents.store(id, theirs);
    setReleaseField(theirs, 'subheadline', 'Stored by the other process');
    documents.store(id, theirs);
    setReleaseField(mine, 'boilerplate', 'About us');
    documents.store(id, mine);
    const stored = releaseContentOf(documents.read(id));
    expect(stored).toMatchObject({ headline: 'Harbour opens', subheadline: 'Stored by the other process', boilerplate: 'About us' });
    expect(documents.load(id)!.length).toBeLessThan(2000);
  });
});
