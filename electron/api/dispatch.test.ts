import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { methodNames, type MethodName } from '@shared/api/contract';
import { fixtureBytes, releaseContent, useTempDir } from '../testing/temp-store';
import { createStores, openBackend } from './backend';
import { TeamLink } from '../team/team-link';
import { TeamSync } from '../team/team-sync';
import { TeamWorkflow } from '../team/team-workflow';
import { noDesktop } from './desktop-services';
import { createHandlers, type Handlers } from './handlers';
import { openDatabase } from '../store/database';
import { dispatch } from './dispatch';

const tempDir = useTempDir();

function setup() {
  const file = join(tempDir(), 'dateline.sqlite3');
  const backend = openBackend(file);
  // A second connection sees exactly what is committed, as another window would.
  const snapshot = () => {
    const reader = new Database(file, { readonly: true });
    const hash = createHash('sha256').update(reader.serialize()).digest('hex');
    reader.close();
    return hash;
  };
  return { backend, snapshot, call: (method: unknown, input: unknown) => dispatch(backend.handlers, method, input) };
}

/** Inputs that no method accepts, whatever its schema. */
const alwaysMalformed: unknown[] = [
  null,
  undefined,
  42,
  'text',
  [],
  { id: 7 },
  { unexpected: true },
  { id: 'not-a-uuid', baseVersion: -1 },
];

describe('the API contract at the boundary', () => {
  it('refuses malformed input to every method with a typed error and changes nothing', async () => {
    const { call, snapshot } = setup();
    await call('signIn', { name: 'Amal Haddad' });
    const created = await call('createRelease', { content: releaseContent({ headline: 'Original' }) });
    expect(created.ok).toBe(true);
    const before = snapshot();
    const checked: MethodName[] = [];
    for (const method of methodNames) {
      for (const input of alwaysMalformed) {
        const result = await call(method, input);
        expect(result, `${method}(${JSON.stringify(input)})`).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      }
      checked.push(method);
    }
    expect(checked).toEqual(methodNames);
    expect(snapshot()).toBe(before);
  });

  it('names the field that is wrong', async () => {
    const { call } = setup();
    await call('signIn', { name: 'Amal Haddad' });
    const created = await call('createRelease', {});
    if (!created.ok) throw new Error(created.error.message);
    const { id } = created.value as { id: string };
    const content = { ...releaseContent(), releaseLine: { kind: 'embargoed', date: '2026-12-01', time: '09:00', timeZone: '' } };
    const result = await call('saveRelease', { id, baseVersion: 1, content });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'content.releaseLine.timeZone' } });
  });

  it('says which photos the store does not hold, and refuses what is not a photo id', async () => {
    const { call } = setup();
    await call('signIn', { name: 'Amal Haddad' });
    const added = (await call('addPhoto', { bytes: fixtureBytes('harbour.jpg') })) as { value: { id: string } };
    const elsewhere = 'ab'.repeat(32);
    expect(await call('missingPhotos', { ids: [added.value.id, elsewhere] })).toEqual({ ok: true, value: { missing: [elsewhere] } });
    expect(await call('missingPhotos', { ids: ['../../etc/passwd'] })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', field: 'ids.0' },
    });
  });

  it('refuses unknown methods, including inherited object keys', async () => {
    const { call } = setup();
    for (const method of ['deleteEverything', 'constructor', '__proto__', 'toString', 7]) {
      expect(await call(method, {})).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
  });

  it('refuses writes until someone has said who they are', async () => {
    const { call } = setup();
    expect(await call('createRelease', {})).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await call('getSession', {})).toEqual({ ok: true, value: { person: null } });
    expect(await call('signIn', { name: '   ' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'name' } });
  });

  it('refuses a comment id that is already taken, deleted or not, as a conflict with a sentence', async () => {
    const { backend, call, snapshot } = setup();
    await call('signIn', { name: 'Amal Haddad' });
    const release = await backend.handlers.createRelease({ content: releaseContent({ bodyText: ['Quay opens.'] }) });
    const id = '5f0b8c1e-2222-4a4a-9b9b-123456789abc';
    const comment = { releaseId: release.id, id, text: 'Check the date', inline: true, quote: 'Quay' };
    expect(await call('addComment', comment)).toMatchObject({ ok: true, value: { id } });
    const before = snapshot();
    const again = await call('addComment', { ...comment, text: 'Another' });
    expect(again).toEqual({
      ok: false,
      error: {
        kind: 'conflict',
        field: 'id',
        message: 'A comment with this id has been added already, so this one was not added. Nothing was changed.',
      },
    });
    expect(snapshot()).toBe(before);
    await call('deleteComment', { id });
    expect(await call('addComment', comment)).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });

  it('reports a missing release as not found', async () => {
    const { call } = setup();
    expect(await call('getRelease', { id: '5f0b8c1e-1111-4a4a-9b9b-123456789abc' })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });
});

describe('a full disk', () => {
  it('fails a save with a clear message and keeps what was saved before', async () => {
    const db = openDatabase(join(tempDir(), 'dateline.sqlite3'));
    // The store's own handlers over a connection the test can limit; only store methods are called.
    const stores = createStores(db);
    const team = new TeamLink(join(tempDir(), 'team-session.json'), () => null);
    const sync = new TeamSync(team, stores);
    const handlers = createHandlers(stores, noDesktop, team, sync, new TeamWorkflow(team, sync, stores)) as Handlers;
    const call = (method: unknown, input: unknown) => dispatch(handlers, method, input);
    await call('signIn', { name: 'Amal Haddad' });
    const created = await call('createRelease', { content: releaseContent({ headline: 'Saved before the disk filled' }) });
    if (!created.ok) throw new Error(created.error.message);
    const { id } = created.value as { id: string };
    // SQLite's ceiling on the file's size makes writes fail exactly as a full disk does (SQLITE_FULL).
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const big = releaseContent({
      headline: 'Too big for the disk',
      bodyText: Array.from({ length: 400 }, (_, index) => `Paragraph ${index} `.repeat(40)),
    });
    const result = await call('saveRelease', { id, baseVersion: 1, content: big });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'storage', message: expect.stringMatching(/^The disk is full, so the change was not saved\./), passing: true },
    });
    expect(await call('getRelease', { id })).toMatchObject({
      ok: true,
      value: { version: 1, content: { headline: 'Saved before the disk filled' } },
    });
    db.close();
  });

  it('refuses what only the desktop can do, outside it, with a reason and nothing changed', async () => {
    const { call, snapshot } = setup();
    await call('signIn', { name: 'Amal Haddad' });
    const created = await call('createRelease', { content: releaseContent({ headline: 'Ferry notice' }) });
    const id = (created as { ok: true; value: { id: string } }).value.id;
    const before = snapshot();
    const desktopOnly: [MethodName, unknown][] = [
      ['saveExport', { id, format: 'txt', final: false }],
      ['saveBytesAs', { suggestedName: 'exports.zip', bytes: new Uint8Array([80, 75]) }],
      ['chooseExportFolder', {}],
      ['exportIntoFolder', { folder: tempDir(), id, format: 'txt', final: false }],
      ['printRelease', { id }],
      ['setSpellCheckLanguage', { language: 'en' }],
    ];
    for (const [method, input] of desktopOnly) {
      const result = await call(method, input);
      expect(result, method).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
    expect((await call('exportIntoFolder', { folder: tempDir(), id, format: 'txt', final: false })).ok).toBe(false);
    expect(snapshot()).toBe(before);
  });
});

describe('photos in the body', () => {
  it('refuses a body photo with a wrong caption, credit or alt text, naming the field; what it keeps exports and submits', async () => {
    const { call, snapshot } = setup();
    await call('signIn', { name: 'Amal Haddad' });
    const added = await call('addPhoto', { bytes: fixtureBytes('harbour.jpg') });
    const photoId = (added as { ok: true; value: { id: string } }).value.id;
    const placement = { photoId, caption: 'The eastern quay', credit: 'Media Office', alt: 'Cranes at dawn' };
    const withPhoto = (attrs: unknown) => {
      const content = releaseContent({
        headline: 'Quay opens',
        dateline: { city: 'Abu Dhabi', date: '2026-09-26' },
        bodyText: ['The quay opened today.'],
      });
      return { ...content, body: { type: 'doc', content: [...content.body.content!, { type: 'figure', attrs }] } };
    };
    const created = await call('createRelease', { content: withPhoto(placement) });
    const id = (created as { ok: true; value: { id: string } }).value.id;
    const before = snapshot();
    const drifted: [unknown, string][] = [
      [{ ...placement, caption: 123 }, 'caption'],
      [{ ...placement, alt: null }, 'alt'],
      [{ ...placement, caption: 'x'.repeat(4000) }, 'caption'],
    ];
    for (const [attrs, part] of drifted) {
      const refused = { ok: false, error: { kind: 'invalid-input', field: `content.body.content.1.attrs.${part}` } };
      expect(
        await call('saveRelease', { id, baseVersion: 1, content: withPhoto(attrs) }),
        JSON.stringify(attrs).slice(0, 60),
      ).toMatchObject(refused);
      expect(await call('createRelease', { content: withPhoto(attrs) })).toMatchObject(refused);
    }
    expect(snapshot()).toBe(before);
    // What the schema lets in, every reader can handle: each format renders, and the checklist lets it go to review.
    for (const format of ['txt', 'html', 'fragment']) {
      expect(await call('renderExport', { id, format, final: false }), format).toMatchObject({ ok: true });
      expect(await call('copyRelease', { id, format }), format).toMatchObject({ ok: true });
    }
    expect(await call('transitionRelease', { id, action: 'submit', baseVersion: 1 })).toMatchObject({
      ok: true,
      value: { status: 'in-review' },
    });
  });
});
