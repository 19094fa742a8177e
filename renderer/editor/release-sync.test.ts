import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SyncStatus } from '@shared/api/collaboration';
import { createClient } from '@shared/api/client';
import type { ApiClient } from '@shared/api/contract';
import type { Release } from '@shared/api/releases';
import { fail, type ApiError } from '@shared/api/result';
import { releaseContentOf, releaseFieldsOf, setReleaseField } from '@shared/release/release-doc';
import { createStores } from '../../electron/api/backend';
import { noDesktop } from '../../electron/api/desktop-services';
import { dispatch } from '../../electron/api/dispatch';
import { createHandlers, type Handlers } from '../../electron/api/handlers';
import { openDatabase } from '../../electron/store/database';
import { TeamLink } from '../../electron/team/team-link';
import { TeamSync } from '../../electron/team/team-sync';
import { TeamWorkflow } from '../../electron/team/team-workflow';
import { releaseContent, useTempDir } from '../../electron/testing/temp-store';
import { ReleaseSession } from './release-session';
import { caretColour, caretPalette, ReleaseSync } from './release-sync';

const tempDir = useTempDir();
let stores: ReturnType<typeof createStores>;
let closeStore: () => void;
let client: ApiClient;
let release: Release;
let writerId: number;
const opened: { dispose(): void }[] = [];
/** What the backend is made to answer instead, for failures and team states a test needs. */
let pushFailures: ApiError[];
let statusInstead: SyncStatus | null;
/** Pulls the pages made, and how many long ones are waiting in the backend now. */
let pulls: number;
let openLongPulls: number;
let pushes: number;

beforeEach(async () => {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'dateline.sqlite3'));
  stores = createStores(db);
  closeStore = () => (stores.documents.close(), db.close());
  const team = new TeamLink(join(dir, 'team-session.json'), () => null);
  const sync = new TeamSync(team, stores);
  const handlers = createHandlers(stores, noDesktop, team, sync, new TeamWorkflow(team, sync, stores)) as Handlers;
  const call = (method: unknown, input: unknown) => dispatch(handlers, method, input);
  const signedIn = await call('signIn', { name: 'Amal Haddad' });
  writerId = (signedIn as { value: { id: number } }).value.id;
  const content = releaseContent({ headline: 'Ferry timetable', dateline: { city: 'Muscat', date: '2026-12-05' }, bodyText: ['Hourly.'] });
  // Collaborative from birth, as createRelease makes a release while signed in to a team.
  release = stores.updates.atomically(() => {
    const created = stores.releases.create(writerId, content);
    stores.documents.seed(created.id, created.content);
    return created;
  });
  pushFailures = [];
  statusInstead = null;
  pulls = 0;
  openLongPulls = 0;
  pushes = 0;
  // The contract's own validating client over the real dispatcher, handlers and SQLite store.
  client = createClient(async (method, input) => {
    if (method === 'pushReleaseUpdate' && pushFailures.length > 0) return fail(pushFailures.shift()!);
    if (method === 'pushReleaseUpdate') pushes++;
    if (method === 'syncStatus' && statusInstead) return { ok: true, value: statusInstead };
    if (method !== 'pullReleaseUpdate') return call(method, input);
    pulls++;
    const long = (input as { waitMs: number }).waitMs > 0;
    if (long) openLongPulls++;
    try {
      return await call(method, input);
    } finally {
      if (long) openLongPulls--;
    }
  });
});
afterEach(() => {
  opened.splice(0).forEach((page) => page.dispose());
  closeStore();
});

/** A condition that must come true within a bounded time; polled, never slept on. */
async function until(condition: () => boolean, what: string, withinMs = 5_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what} after ${withinMs} ms`);
    await new Promise((resume) => setTimeout(resume, 5));
  }
}

/** The release's document as the backend keeps it. */
function backendDoc(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stores.documents.state(release.id));
  return doc;
}

/** One Dateline page with the release open, as the backend hands it over. */
async function openPage(person: { id: number; name: string }, overrides: Partial<ConstructorParameters<typeof ReleaseSync>[0]> = {}) {
  const answer = await client.openReleaseDoc({ id: release.id });
  if (!answer.ok || !answer.value.collaborative) throw new Error('the release did not open as collaborative');
  const page = new ReleaseSync({
    client,
    releaseId: release.id,
    update: answer.value.update,
    person,
    pushDelayMs: 20,
    pullWaitMs: 3_000,
    statusEveryMs: 60_000,
    ...overrides,
  });
  opened.push(page);
  return page;
}

const headlineOf = (doc: Y.Doc) => releaseFieldsOf(doc).headline;
const amal = { id: 1, name: 'Amal Haddad' };
const omar = { id: 2, name: 'Omar Saleh' };

describe('ReleaseSync', () => {
  it('brings what one person types to the other, a burst of keystrokes as one push, in order', async () => {
    const writer = await openPage(amal);
    const reviewer = await openPage(omar);
    writer.start();
    reviewer.start();
    const typed = 'Ferry timetable changes on Monday';
    for (let length = 'Ferry timetable'.length + 1; length <= typed.length; length++)
      setReleaseField(writer.doc, 'headline', typed.slice(0, length));
    expect(writer.getState().kind).toBe('saving');
    await writer.flush();
    expect(writer.getState().kind).toBe('saved');
    expect(pushes).toBe(1);
    expect(headlineOf(backendDoc())).toBe(typed);
    await until(() => headlineOf(reviewer.doc) === typed, 'the headline on the other page');
  });

  it('tries a push that failed for a passing reason again, keeping its words ahead of those typed after it', async () => {
    const writer = await openPage(amal);
    pushFailures.push({ kind: 'unavailable', message: 'The store is busy.', passing: true });
    setReleaseField(writer.doc, 'headline', 'Ferry timetable,');
    await writer.flush();
    expect(headlineOf(backendDoc())).toBe('Ferry timetable');
    // The first retries are not news: the status still says Saving….
    expect(writer.getState().kind).toBe('saving');
    setReleaseField(writer.doc, 'headline', 'Ferry timetable, from Monday');
    await until(() => !writer.hasUnsavedChanges, 'the retried push');
    expect(headlineOf(backendDoc())).toBe('Ferry timetable, from Monday');
    expect(writer.getState().kind).toBe('saved');
  });

  it('keeps a refused push, says why, and sends it when asked again', async () => {
    const writer = await openPage(amal);
    pushFailures.push({ kind: 'refused', message: 'The release is in review.' });
    setReleaseField(writer.doc, 'headline', 'Ferry timetable (revised)');
    await writer.flush();
    expect(writer.getState()).toEqual({ kind: 'failed', message: 'The release is in review.', retrying: false });
    expect(writer.hasUnsavedChanges).toBe(true);
    await writer.flush();
    expect(writer.getState().kind).toBe('saved');
    expect(headlineOf(backendDoc())).toBe('Ferry timetable (revised)');
  });

  it('runs one pull loop after StrictMode’s start, stop and start again, and applies each change once', async () => {
    const reviewer = await openPage(omar);
    reviewer.start();
    reviewer.stop();
    reviewer.start();
    const writer = await openPage(amal);
    setReleaseField(writer.doc, 'headline', 'Ferry timetable, revised');
    await writer.flush();
    await until(() => headlineOf(reviewer.doc) === 'Ferry timetable, revised', 'the first change');
    await until(() => openLongPulls === 1, 'one long pull waiting again');

    const pullsBefore = pulls;
    setReleaseField(writer.doc, 'headline', 'Ferry timetable, revised twice');
    await writer.flush();
    await until(() => headlineOf(reviewer.doc) === 'Ferry timetable, revised twice', 'the second change');
    await until(() => openLongPulls === 1, 'one long pull waiting again');
    // Two loops would each have pulled again after the change.
    expect(pulls - pullsBefore).toBe(1);
    expect(releaseContentOf(reviewer.doc)).toEqual(releaseContentOf(backendDoc()));
  });

  it('shows each person to the other with their name and a colour of their own', async () => {
    const writer = await openPage(amal);
    const reviewer = await openPage(omar);
    writer.start();
    reviewer.start();
    const writerSeen = () =>
      reviewer.awareness.getStates().get(writer.doc.clientID) as { user?: { name: string; color: string } } | undefined;
    await until(() => writerSeen()?.user?.name === 'Amal Haddad', 'the writer’s presence on the reviewer’s page');
    expect(writerSeen()?.user?.color).toBe(caretColour('Amal Haddad'));
    expect(caretColour('Amal Haddad')).not.toBe(caretColour('Omar Saleh'));
    // The same person has the same colour on every desktop, whatever their local id or the case of their name there.
    expect(caretColour('AMAL HADDAD')).toBe(caretColour('Amal Haddad'));
    expect(caretPalette).toContain(caretColour('Samir Aziz'));
  });

  it('reports the team link after each push, for the status bar', async () => {
    const statuses: string[] = [];
    statusInstead = { mode: 'team', server: 'http://127.0.0.1:1', online: false, waiting: 3, reason: 'the server did not answer' };
    const writer = await openPage(amal, { onSyncStatus: (status) => statuses.push(JSON.stringify(status)) });
    setReleaseField(writer.doc, 'headline', 'Offline words');
    await writer.flush();
    await until(() => statuses.length > 0, 'a status');
    expect(JSON.parse(statuses[0]!)).toMatchObject({ online: false, waiting: 3 });
  });
});

describe('ReleaseSession on a collaborative release', () => {
  const sessionFor = async (person: { id: number; name: string }, reported: string[] = []) => {
    const answer = await client.openReleaseDoc({ id: release.id });
    if (!answer.ok || !answer.value.collaborative) throw new Error('the release did not open as collaborative');
    const current = await client.getRelease({ id: release.id });
    if (!current.ok) throw new Error(current.error.message);
    const session = new ReleaseSession(current.value, {
      client,
      person: { id: person.id },
      collaboration: { update: answer.value.update, personName: person.name },
      report: (message) => reported.push(message),
    });
    opened.push(session);
    return session;
  };

  it('writes the plain fields into the document and shows another person’s field edits', async () => {
    const session = await sessionFor({ id: writerId, name: 'Amal Haddad' });
    session.start();
    expect(session.getState().fields.headline).toBe('Ferry timetable');
    session.updateFields({ headline: 'Ferry timetable from Monday' });
    expect(session.getState().fields.headline).toBe('Ferry timetable from Monday');
    await session.flush();
    expect(headlineOf(backendDoc())).toBe('Ferry timetable from Monday');

    const other = await openPage(omar);
    setReleaseField(other.doc, 'dateline.city', 'Sohar');
    await other.flush();
    await until(() => session.getState().fields.dateline.city === 'Sohar', 'the other person’s city');
    // Their edit does not touch this person's field.
    expect(session.getState().fields.headline).toBe('Ferry timetable from Monday');
    expect(session.getState().save.kind).toBe('saved');
  });

  it('keeps the text read-only for its writer while it is in review, and sends nothing', async () => {
    stores.documents.flush(release.id);
    const writer = stores.people.requireCurrent();
    stores.lifecycle.transition(release.id, writer, 'submit', stores.releases.get(release.id).version, {});
    const session = await sessionFor({ id: writerId, name: 'Amal Haddad' });
    session.start();
    expect(session.getState().release?.status).toBe('in-review');
    expect(session.editable).toBe(false);
    session.updateFields({ headline: 'Typed in review' });
    expect(session.getState().fields.headline).toBe('Ferry timetable');
    expect(session.saver.hasUnsavedChanges).toBe(false);
    expect(pushes).toBe(0);
  });
});
