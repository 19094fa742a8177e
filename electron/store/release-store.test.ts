import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxPhotoBytes } from '@shared/photo/limits';
import { photoTooLarge } from '@shared/photo/sniff';
import { maxBodyCharacters, releaseTooLong } from '@shared/release/limits';
import { fixtureBytes, refusalOf, releaseContent, useTempDir } from '../testing/temp-store';
import { createStores } from '../api/backend';
import { openDatabase } from './database';

const tempDir = useTempDir();

function openStores(file = join(tempDir(), 'dateline.sqlite3')) {
  const db = openDatabase(file);
  const stores = createStores(db);
  return { db, file, ...stores, writer: stores.people.signIn('Amal Haddad') };
}

describe('ReleaseStore', () => {
  it('records author and last editor', () => {
    const { releases, people, writer } = openStores();
    const release = releases.create(writer.id);
    const editor = people.signIn('Badr Saleh');
    releases.save(release.id, 1, releaseContent({ headline: 'Edited' }), editor.id);
    const saved = releases.get(release.id);
    expect([saved.authorName, saved.lastEditorName, saved.version, saved.status]).toEqual(['Amal Haddad', 'Badr Saleh', 2, 'draft']);
  });

  it('refuses a save based on a stale version and keeps the newer work', () => {
    const { releases, writer } = openStores();
    const release = releases.create(writer.id);
    releases.save(release.id, 1, releaseContent({ headline: 'Newer work' }), writer.id);
    const refusal = refusalOf(() => releases.save(release.id, 1, releaseContent({ headline: 'Stale copy' }), writer.id));
    expect(refusal).toMatchObject({ kind: 'conflict', currentVersion: 2 });
    expect(refusal.message).toMatch(/Amal Haddad saved a newer version/);
    expect(releases.get(release.id).content.headline).toBe('Newer work');
  });

  it('moves releases to the trash and back without losing a word', () => {
    const { releases, writer } = openStores();
    const release = releases.create(writer.id, releaseContent({ headline: 'Budget statement', bodyText: ['Figures follow.'] }));
    releases.trash(release.id, writer.id);
    expect(releases.list('active')).toEqual([]);
    expect(releases.list('trash').map((summary) => summary.headline)).toEqual(['Budget statement']);
    expect(refusalOf(() => releases.save(release.id, 1, releaseContent(), writer.id)).kind).toBe('refused');
    releases.restore(release.id, writer.id);
    expect(releases.list('trash')).toEqual([]);
    expect(releases.get(release.id).content.body).toEqual(releaseContent({ bodyText: ['Figures follow.'] }).body);
  });

  it('lists newest first', () => {
    const { releases, writer } = openStores();
    const older = releases.create(writer.id, releaseContent({ headline: 'Older' }));
    releases.create(writer.id, releaseContent({ headline: 'Newer' }));
    expect(releases.list('active').map((summary) => summary.headline)).toEqual(['Newer', 'Older']);
    releases.save(older.id, 1, releaseContent({ headline: 'Older, edited' }), writer.id);
    expect(releases.list('active').map((summary) => summary.headline)).toEqual(['Older, edited', 'Newer']);
  });

  it('duplicates a release as a new draft by the current person', () => {
    const { releases, people, writer } = openStores();
    const original = releases.create(writer.id, releaseContent({ headline: 'Template', bodyText: ['Body'] }));
    const copy = releases.duplicate(original.id, people.signIn('Badr Saleh').id);
    expect(copy.id).not.toBe(original.id);
    expect(copy.content).toEqual(original.content);
    expect([copy.authorName, copy.version]).toEqual(['Badr Saleh', 1]);
  });

  it('finds releases by headline, subheadline, body, caption and credit, by word prefix', () => {
    const { releases, photos, writer } = openStores();
    const photo = photos.add(fixtureBytes('harbour.jpg'));
    releases.create(
      writer.id,
      releaseContent({ headline: 'Harbour expansion approved', subheadline: 'Council vote', bodyText: ['Dredging begins in spring.'] }),
    );
    releases.create(
      writer.id,
      releaseContent({
        headline: 'Museum reopens',
        leadPhoto: { photoId: photo.id, caption: 'The new atrium', credit: 'Layla Nasser', alt: 'Atrium' },
      }),
    );
    releases.create(writer.id, releaseContent({ headline: 'بيان صحفي', bodyText: ['افتتاح الميناء الجديد'] }));
    const headlines = (query: string) => releases.list('active', query).map((summary) => summary.headline);
    expect(headlines('harb')).toEqual(['Harbour expansion approved']);
    expect(headlines('council')).toEqual(['Harbour expansion approved']);
    expect(headlines('dredging spring')).toEqual(['Harbour expansion approved']);
    expect(headlines('atrium')).toEqual(['Museum reopens']);
    expect(headlines('Nasser')).toEqual(['Museum reopens']);
    expect(headlines('الميناء')).toEqual(['بيان صحفي']);
    expect(headlines('"unbalanced AND (')).toEqual([]);
    expect(headlines('   ')).toHaveLength(3);
  });

  it('keeps the search index in step with edits', () => {
    const { releases, writer } = openStores();
    const release = releases.create(writer.id, releaseContent({ headline: 'Draft about ferries' }));
    releases.save(release.id, 1, releaseContent({ headline: 'Draft about trains' }), writer.id);
    expect(releases.list('active', 'ferries')).toEqual([]);
    expect(releases.list('active', 'trains')).toHaveLength(1);
  });

  it('refuses a body over the length limit, created or saved, in the words the host and the editor use', () => {
    const { releases, writer } = openStores();
    const tooLong = releaseContent({ bodyText: ['a'.repeat(maxBodyCharacters + 1)] });
    expect(refusalOf(() => releases.create(writer.id, tooLong))).toEqual({ kind: 'invalid-input', message: releaseTooLong, field: 'body' });
    const release = releases.create(writer.id, releaseContent({ bodyText: ['Short.'] }));
    expect(refusalOf(() => releases.save(release.id, 1, tooLong, writer.id)).message).toBe(releaseTooLong);
    expect(releases.get(release.id).version).toBe(1);
    expect(releases.list('active')).toHaveLength(1);
  });

  it('refuses content that refers to a photo the store does not have', () => {
    const { releases, writer } = openStores();
    const release = releases.create(writer.id);
    const leadPhoto = { photoId: 'f'.repeat(64), caption: '', credit: '', alt: '' };
    expect(refusalOf(() => releases.save(release.id, 1, releaseContent({ leadPhoto }), writer.id)).kind).toBe('invalid-input');
    expect(releases.get(release.id).version).toBe(1);
  });
});

describe('PhotoStore', () => {
  it('stores the same bytes once, whatever they are called', () => {
    const { db, photos } = openStores();
    const first = photos.add(fixtureBytes('skyline.png'));
    const again = photos.add(fixtureBytes('skyline.png'));
    expect(again).toEqual(first);
    expect(first).toMatchObject({ mime: 'image/png', width: 640, height: 400 });
    expect(db.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(1);
    expect(Buffer.from(photos.get(first.id)!.bytes).equals(Buffer.from(fixtureBytes('skyline.png')))).toBe(true);
  });

  it('refuses broken, foreign and oversize files and stores nothing', () => {
    const { db, photos } = openStores();
    const jpeg = fixtureBytes('harbour.jpg');
    const oversize = new Uint8Array(maxPhotoBytes + 1);
    oversize.set(jpeg);
    expect(refusalOf(() => photos.add(jpeg.subarray(0, 4000))).message).toMatch(/not a complete JPEG, PNG, WebP or GIF/);
    expect(refusalOf(() => photos.add(new TextEncoder().encode('<svg onload=alert(1)>'))).kind).toBe('invalid-input');
    expect(refusalOf(() => photos.add(oversize)).message).toBe(photoTooLarge(oversize.length));
    expect(db.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(0);
  });
});

describe('PeopleStore', () => {
  it('refuses a second person whose name differs only in case, width or invisible characters, and signs them in as the first', () => {
    const { db, people, writer } = openStores();
    expect(refusalOf(() => people.add('AMAL  HADDAD', 'reviewer'))).toEqual({
      kind: 'invalid-input',
      message: 'Amal Haddad is already in the list of people.',
      field: 'name',
    });
    // A name stored before the rule, with a zero-width space in it, still counts as that name.
    db.prepare(`INSERT INTO people (name, role, created_at) VALUES (?, 'writer', '2026-01-01T00:00:00.000Z')`).run('Badr\u200b Saleh');
    expect(refusalOf(() => people.add('badr saleh', 'writer')).message).toBe('Badr\u200b Saleh is already in the list of people.');
    expect(people.signIn('ａｍａｌ haddad').id).toBe(writer.id);
    expect(refusalOf(() => people.add('Воb', 'writer')).message).toMatch(/mixes Latin and Cyrillic/);
    expect(refusalOf(() => people.signIn('Bob\u202e')).message).toMatch(/invisible characters/);
    expect(people.add('أمل حداد', 'writer').name).toBe('أمل حداد');
    expect(people.list()).toHaveLength(3);
  });
});
