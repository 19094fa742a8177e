import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '@shared/api/client';
import type { ApiClient } from '@shared/api/contract';
import type { Release } from '@shared/api/releases';
import type { BodyDoc } from '@shared/release/body';
import { maxBodyCharacters, releaseTooLong } from '@shared/release/limits';
import { openBackend, type Backend } from '../../electron/api/backend';
import { dispatch } from '../../electron/api/dispatch';
import { releaseContent, useTempDir } from '../../electron/testing/temp-store';
import { ReleaseSession, type BodySource } from './release-session';

const tempDir = useTempDir();
let backend: Backend;
let client: ApiClient;
let reported: string[];
let writerId: number;

beforeEach(async () => {
  backend = openBackend(join(tempDir(), 'dateline.sqlite3'));
  writerId = (await backend.handlers.signIn({ name: 'Amal Haddad' })).id;
  // The same typed, validating client the renderer uses, over the real dispatcher and store.
  client = createClient((method, input) => dispatch(backend.handlers, method, input));
  reported = [];
});
afterEach(() => backend.close());

const paragraph = (text: string): BodyDoc => releaseContent({ bodyText: [text] }).body;

/** Stands in for TipTap: a body that records what was put in it. */
function bodyHolding(initial: BodyDoc) {
  const body = { current: initial, replacements: 0 };
  const source: BodySource = {
    read: () => body.current,
    replace: (next) => {
      body.current = next;
      body.replacements++;
    },
    selection: () => null,
    focus: () => {},
  };
  return { body, source };
}

const sessionFor = (release: Release | null) =>
  new ReleaseSession(release, { client, person: { id: writerId }, report: (message) => reported.push(message) });

const activeCount = async () => (await backend.handlers.listReleases({ view: 'active' })).length;

describe('ReleaseSession', () => {
  it('makes one release when its first save landed but the answer was lost, and keeps the words typed since', async () => {
    let losses = 1;
    // The host commits the create, then the answer never arrives (a cut connection, a host stopped mid-reply).
    client = createClient(async (method, input) => {
      const answer = await dispatch(backend.handlers, method, input);
      if (method === 'createRelease' && losses-- > 0) throw new Error('the connection was cut');
      return answer;
    });
    const session = sessionFor(null);
    session.updateFields({ headline: 'Harbour reopens' });
    await session.flush();
    expect(await activeCount()).toBe(1);
    session.updateFields({ headline: 'Harbour reopens on Monday' });
    await session.flush();
    const [only] = await backend.handlers.listReleases({ view: 'active' });
    expect(await activeCount()).toBe(1);
    expect(only).toMatchObject({ headline: 'Harbour reopens on Monday' });
    expect(session.getState().release?.id).toBe(only!.id);
  });

  it('creates a new release with its first save, once, and nothing at all when nothing was typed', async () => {
    const untouched = sessionFor(null);
    await untouched.close();
    expect(await activeCount()).toBe(0);

    const session = sessionFor(null);
    session.updateFields({ headline: 'Harbour reopens' });
    await session.flush();
    session.updateFields({ headline: 'Harbour reopens on Monday' });
    await session.flush();
    expect(await activeCount()).toBe(1);
    const stored = await backend.handlers.getRelease({ id: session.getState().release!.id });
    expect(stored.content.headline).toBe('Harbour reopens on Monday');
    expect(stored.version).toBe(2);
  });

  it('says a body is too long to save without sending it, and saves again once it is shortened', async () => {
    const created = await backend.handlers.createRelease({ content: releaseContent({ bodyText: ['Hourly.'] }) });
    const session = sessionFor(created);
    const { body, source } = bodyHolding(created.content.body);
    session.attachBody(source);
    body.current = paragraph('a'.repeat(maxBodyCharacters + 1));
    session.bodyChanged();
    await session.flush();
    expect(session.getState().save).toEqual({ kind: 'failed', message: releaseTooLong, retrying: false });
    expect((await backend.handlers.getRelease({ id: created.id })).version).toBe(1);
    body.current = paragraph('a'.repeat(maxBodyCharacters));
    session.bodyChanged();
    await session.flush();
    expect(session.getState().save.kind).toBe('saved');
    expect((await backend.handlers.getRelease({ id: created.id })).version).toBe(2);
  });

  it('keeps the editor through a workflow action: the body is not replaced and the next save builds on the new version', async () => {
    const created = await backend.handlers.createRelease({
      content: releaseContent({ headline: 'Ferry timetable', dateline: { city: 'Muscat', date: '2026-12-05' }, bodyText: ['Hourly.'] }),
    });
    const session = sessionFor(created);
    const { body, source } = bodyHolding(created.content.body);
    session.attachBody(source);

    expect(await session.transition('submit')).toBe(true);
    expect(session.getState().release!.status).toBe('in-review');
    expect(session.editable).toBe(false);
    session.updateFields({ headline: 'Typed while in review' });
    expect(session.getState().fields.headline).toBe('Ferry timetable');

    expect(await session.transition('recall')).toBe(true);
    body.current = paragraph('Hourly, from Monday.');
    session.bodyChanged();
    await session.flush();
    expect(body.replacements).toBe(0);
    expect(session.getState().save.kind).toBe('saved');
    expect((await backend.handlers.getRelease({ id: created.id })).content.body).toEqual(paragraph('Hourly, from Monday.'));
    expect(reported).toEqual([]);
  });

  it('never sets aside words typed while a workflow action is on its way', async () => {
    const ready = releaseContent({ headline: 'Ferry', dateline: { city: 'Muscat', date: '2026-12-05' }, bodyText: ['Hourly.'] });
    const created = await backend.handlers.createRelease({ content: ready });
    let answerLater: () => void = () => {};
    // The store applies the action at once; its answer reaches the editor only when the test lets it.
    const slowClient: ApiClient = {
      ...client,
      transitionRelease: async (input) => {
        const result = await client.transitionRelease(input);
        await new Promise<void>((resolve) => (answerLater = resolve));
        return result;
      },
    };
    const session = new ReleaseSession(created, {
      client: slowClient,
      person: { id: writerId },
      report: (message) => reported.push(message),
    });
    const submitting = session.transition('submit');
    await new Promise((resolve) => setTimeout(resolve, 50));
    session.updateFields({ headline: 'Ferry timetable' });
    const saving = session.flush();
    answerLater();
    expect(await submitting).toBe(true);
    await saving;
    await session.flush();
    // In review, the store refuses the words; they stay on screen and leaving asks about them.
    expect(session.getState().fields.headline).toBe('Ferry timetable');
    expect(session.unsavedWork()).toMatchObject({ kind: 'failed', message: expect.stringMatching(/in review/) });
  });

  it('puts a restored version into the same editor as one change', async () => {
    const created = await backend.handlers.createRelease({ content: releaseContent({ headline: 'First', bodyText: ['Old words.'] }) });
    const session = sessionFor(created);
    const { body, source } = bodyHolding(created.content.body);
    session.attachBody(source);
    session.updateFields({ headline: 'Second' });
    body.current = paragraph('New words.');
    await session.flush();

    const [first] = (await backend.handlers.listRevisions({ releaseId: created.id })).filter((revision) => revision.kind === 'created');
    expect(await session.restoreRevision(first!.id)).toBe(true);
    expect(body.replacements).toBe(1);
    expect(body.current).toEqual(paragraph('Old words.'));
    expect(session.getState().fields.headline).toBe('First');
    session.updateFields({ headline: 'First, again' });
    await session.flush();
    expect(session.getState().save.kind).toBe('saved');
  });

  it('says what leaving would lose after a conflict, and a copy keeps those words', async () => {
    const created = await backend.handlers.createRelease({ content: releaseContent({ headline: 'Original' }) });
    const session = sessionFor(created);
    await backend.handlers.saveRelease({ id: created.id, baseVersion: 1, content: releaseContent({ headline: 'Theirs' }) });
    session.updateFields({ headline: 'Mine' });
    await session.flush();
    expect(session.unsavedWork()).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/newer version/) });

    const copy = await session.saveAsCopy();
    expect(copy?.content.headline).toBe('Mine');
    expect(session.unsavedWork()).toBeNull();
    expect((await backend.handlers.getRelease({ id: created.id })).content.headline).toBe('Theirs');
  });

  it('refuses a workflow action while words are unsaved, and says why', async () => {
    const created = await backend.handlers.createRelease({ content: releaseContent({ headline: 'Original' }) });
    const session = sessionFor(created);
    await backend.handlers.saveRelease({ id: created.id, baseVersion: 1, content: releaseContent({ headline: 'Theirs' }) });
    session.updateFields({ headline: 'Mine' });
    expect(await session.transition('submit')).toBe(false);
    expect(reported).toEqual(['Your latest changes are not saved yet. Save them (or resolve the conflict) first.']);
    expect((await backend.handlers.getRelease({ id: created.id })).status).toBe('draft');
  });
});
