import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createClient } from '@shared/api/client';
import type { ApiClient } from '@shared/api/contract';
import type { Release } from '@shared/api/releases';
import { releaseContentOf, releaseFieldsOf, seedReleaseDoc, setReleaseField } from '@shared/release/release-doc';
import { openBackend, type Backend } from '../../electron/api/backend';
import { dispatch } from '../../electron/api/dispatch';
import { releaseContent, useTempDir } from '../../electron/testing/temp-store';
import { CollaborationBackend, until } from '../testing/collaboration-backend';
import { ReleaseSession } from './release-session';
import { caretColour, caretPalette, ReleaseSync } from './release-sync';

const tempDir = useTempDir();
let backend: Backend;
let collaboration: CollaborationBackend;
let client: ApiClient;
let release: Release;
let writerId: number;
const opened: { dispose(): void }[] = [];

beforeEach(async () => {
  backend = openBackend(join(tempDir(), 'dateline.sqlite3'));
  writerId = (await backend.handlers.signIn({ name: 'Amal Haddad' })).id;
  const content = releaseContent({ headline: 'Ferry timetable', dateline: { city: 'Muscat', date: '2026-12-05' }, bodyText: ['Hourly.'] });
  release = await backend.handlers.createRelease({ content });
  collaboration = new CollaborationBackend(release.id);
  seedReleaseDoc(collaboration.doc, content);
  // The contract's own validating client: the collaboration methods go to the stand-in, everything else to the real store.
  client = createClient(async (method, input) => (await collaboration.handle(method, input)) ?? dispatch(backend.handlers, method, input));
});
afterEach(() => {
  opened.splice(0).forEach((page) => page.dispose());
  collaboration.close();
  backend.close();
});

/** One Dateline page with the release open, as the backend hands it over. */
function openPage(person: { id: number; name: string }, overrides: Partial<ConstructorParameters<typeof ReleaseSync>[0]> = {}) {
  const page = new ReleaseSync({
    client,
    releaseId: release.id,
    update: Y.encodeStateAsUpdate(collaboration.doc),
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
    const writer = openPage(amal);
    const reviewer = openPage(omar);
    writer.start();
    reviewer.start();
    const typed = 'Ferry timetable changes on Monday';
    for (let length = 'Ferry timetable'.length + 1; length <= typed.length; length++)
      setReleaseField(writer.doc, 'headline', typed.slice(0, length));
    expect(writer.getState().kind).toBe('saving');
    await writer.flush();
    expect(writer.getState().kind).toBe('saved');
    expect(collaboration.pushes).toHaveLength(1);
    expect(headlineOf(collaboration.doc)).toBe(typed);
    await until(() => headlineOf(reviewer.doc) === typed, 'the headline on the other page');
  });

  it('tries a push that failed for a passing reason again, keeping its words ahead of those typed after it', async () => {
    const writer = openPage(amal);
    collaboration.pushFailures.push({ kind: 'unavailable', message: 'The store is busy.', passing: true });
    setReleaseField(writer.doc, 'headline', 'Ferry timetable,');
    await writer.flush();
    expect(collaboration.pushes).toHaveLength(0);
    // The first retries are not news: the status still says Saving….
    expect(writer.getState().kind).toBe('saving');
    setReleaseField(writer.doc, 'headline', 'Ferry timetable, from Monday');
    await until(() => !writer.hasUnsavedChanges, 'the retried push');
    expect(headlineOf(collaboration.doc)).toBe('Ferry timetable, from Monday');
    expect(writer.getState().kind).toBe('saved');
  });

  it('keeps a refused push, says why, and sends it when asked again', async () => {
    const writer = openPage(amal);
    collaboration.pushFailures.push({ kind: 'refused', message: 'The release is in review.' });
    setReleaseField(writer.doc, 'headline', 'Ferry timetable (revised)');
    await writer.flush();
    expect(writer.getState()).toEqual({ kind: 'failed', message: 'The release is in review.', retrying: false });
    expect(writer.hasUnsavedChanges).toBe(true);
    await writer.flush();
    expect(writer.getState().kind).toBe('saved');
    expect(headlineOf(collaboration.doc)).toBe('Ferry timetable (revised)');
  });

  it('runs one pull loop after StrictMode’s start, stop and start again, and applies each change once', async () => {
    const reviewer = openPage(omar);
    reviewer.start();
    reviewer.stop();
    reviewer.start();
    const writer = openPage(amal);
    setReleaseField(writer.doc, 'headline', 'Ferry timetable, revised');
    await writer.flush();
    await until(() => headlineOf(reviewer.doc) === 'Ferry timetable, revised', 'the first change');
    await until(() => collaboration.openLongPulls === 1, 'one long pull waiting again');

    const pullsBefore = collaboration.pulls;
    setReleaseField(writer.doc, 'headline', 'Ferry timetable, revised twice');
    await writer.flush();
    await until(() => headlineOf(reviewer.doc) === 'Ferry timetable, revised twice', 'the second change');
    await until(() => collaboration.openLongPulls === 1, 'one long pull waiting again');
    // Two loops would each have pulled again after the change.
    expect(collaboration.pulls - pullsBefore).toBe(1);
    expect(releaseContentOf(reviewer.doc)).toEqual(releaseContentOf(collaboration.doc));
  });

  it('shows each person to the other with their name and colour, and no longer once they leave', async () => {
    const writer = openPage(amal);
    const reviewer = openPage(omar);
    writer.start();
    reviewer.start();
    const writerSeen = () =>
      reviewer.awareness.getStates().get(writer.doc.clientID) as { user?: { name: string; color: string } } | undefined;
    await until(() => writerSeen()?.user?.name === 'Amal Haddad', 'the writer’s presence on the reviewer’s page');
    expect(writerSeen()?.user?.color).toBe(caretColour(amal.id));
    expect(caretColour(amal.id)).not.toBe(caretColour(omar.id));
    expect(caretPalette).toContain(caretColour(12_345));

    writer.stop();
    await until(() => writerSeen() === undefined, 'the writer gone from the reviewer’s page');
  });

  it('reports the team link after each push, for the status bar', async () => {
    const statuses: string[] = [];
    collaboration.status = { mode: 'team', server: 'http://127.0.0.1:1', online: false, waiting: 3, reason: 'the server did not answer' };
    const writer = openPage(amal, { onSyncStatus: (status) => statuses.push(JSON.stringify(status)) });
    setReleaseField(writer.doc, 'headline', 'Offline words');
    await writer.flush();
    await until(() => statuses.length > 0, 'a status');
    expect(JSON.parse(statuses[0]!)).toMatchObject({ online: false, waiting: 3 });
  });
});

describe('ReleaseSession on a collaborative release', () => {
  const sessionFor = (person: { id: number; name: string }, reported: string[] = []) => {
    const session = new ReleaseSession(release, {
      client,
      person: { id: person.id },
      collaboration: { update: Y.encodeStateAsUpdate(collaboration.doc), personName: person.name },
      report: (message) => reported.push(message),
    });
    opened.push(session);
    return session;
  };

  it('writes the plain fields into the document and shows another person’s field edits', async () => {
    const session = sessionFor({ id: writerId, name: 'Amal Haddad' });
    session.start();
    expect(session.getState().fields.headline).toBe('Ferry timetable');
    session.updateFields({ headline: 'Ferry timetable from Monday' });
    expect(session.getState().fields.headline).toBe('Ferry timetable from Monday');
    await session.flush();
    expect(headlineOf(collaboration.doc)).toBe('Ferry timetable from Monday');

    const other = openPage(omar);
    setReleaseField(other.doc, 'dateline.city', 'Sohar');
    await other.flush();
    await until(() => session.getState().fields.dateline.city === 'Sohar', 'the other person’s city');
    // Their edit does not touch this person's field.
    expect(session.getState().fields.headline).toBe('Ferry timetable from Monday');
    expect(session.getState().save.kind).toBe('saved');
  });

  it('keeps text read-only in review, and takes a workflow action on the version the store holds after the edits', async () => {
    const reported: string[] = [];
    const session = sessionFor({ id: writerId, name: 'Amal Haddad' }, reported);
    session.start();
    session.updateFields({ headline: 'Ferry timetable, final' });
    // The stand-in keeps the document; the store's copy is what the workflow reads, as the backend would write it.
    await backend.handlers.saveRelease({ id: release.id, baseVersion: 1, content: releaseContentOf(collaboration.doc) });
    expect(await session.transition('submit')).toBe(true);
    expect(reported).toEqual([]);
    expect(session.getState().release?.status).toBe('in-review');
    expect(session.editable).toBe(false);
    session.updateFields({ headline: 'Typed in review' });
    expect(session.getState().fields.headline).toBe('Ferry timetable, final');
    expect(session.saver.hasUnsavedChanges).toBe(false);
  });
});
