import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fixtureBytes, refusalOf, releaseContent, useTempDir } from '../testing/temp-store';
import { createStores } from '../api/backend';
import { openDatabase } from './database';
import { latestSchemaVersion } from './migrations';

const tempDir = useTempDir();

function openStores(file = join(tempDir(), 'dateline.sqlite3')) {
  const db = openDatabase(file);
  const stores = createStores(db);
  return { db, file, ...stores, writer: stores.people.signIn('Amal Haddad') };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('database', () => {
  it('creates every table from empty and records the schema version', () => {
    const { db } = openStores();
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['people', 'photos', 'release_photos', 'release_search', 'releases', 'settings']));
    db.close();
  });

  it('keeps everything across a close and reopen', () => {
    const first = openStores();
    const release = first.releases.create(first.writer.id, releaseContent({ headline: 'Port opens' }));
    first.db.close();
    const second = openStores(first.file);
    expect(second.releases.get(release.id).content.headline).toBe('Port opens');
    expect(second.people.current()?.name).toBe('Amal Haddad');
    second.db.close();
  });

  it('refuses a database from a newer Dateline and leaves the file untouched', () => {
    const file = join(tempDir(), 'newer.sqlite3');
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 1}`);
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    const before = sha256(file);
    expect(() => openDatabase(file)).toThrow(/written by a newer version of Dateline.*not changed/);
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a SQLite file that is not Dateline’s', () => {
    const file = join(tempDir(), 'other.sqlite3');
    const raw = new Database(file);
    raw.pragma('user_version = 1');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/is not a Dateline database/);
  });

  it('refuses a file that is not a database at all', () => {
    const file = join(tempDir(), 'notes.sqlite3');
    writeFileSync(file, 'These are my notes, not a database. '.repeat(200));
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
  });
});

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
    const oversize = new Uint8Array(25 * 1024 * 1024 + 1);
    oversize.set(jpeg);
    expect(refusalOf(() => photos.add(jpeg.subarray(0, 4000))).message).toMatch(/not a complete JPEG, PNG, WebP or GIF/);
    expect(refusalOf(() => photos.add(new TextEncoder().encode('<svg onload=alert(1)>'))).kind).toBe('invalid-input');
    expect(refusalOf(() => photos.add(oversize)).message).toMatch(/25.0 MB or smaller/);
    expect(db.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(0);
  });
});
