import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { releaseContentSchema } from '@shared/release/content';
import { createStores } from '../../api/backend';
import { releaseContent, useTempDir } from '../../testing/temp-store';
import { migrate, openDatabase } from '../database';

const tempDir = useTempDir();
const photoId = 'a'.repeat(64);
const id = '0b7e6d2c-1111-4a4a-9b9b-123456789abc';

describe('migration 3 (one photo schema)', () => {
  it('repairs body photos the loose schema let in, in releases and their revisions, and leaves good ones alone', () => {
    const file = join(tempDir(), 'v2.sqlite3');
    const raw = new Database(file);
    migrate(raw, 0, 2);
    raw.prepare(`INSERT INTO people (id, name, role, created_at) VALUES (1, 'Amal Haddad', 'writer', '2026-01-01T00:00:00.000Z')`).run();
    raw
      .prepare(
        `INSERT INTO photos (id, mime, width, height, byte_size, bytes, created_at) VALUES (?, 'image/gif', 1, 1, 1, x'00', '2026-01-01T00:00:00.000Z')`,
      )
      .run(photoId);
    const good = { type: 'figure', attrs: { photoId, caption: 'The quay', credit: 'Media Office', alt: 'Cranes', dir: null } };
    const damaged = {
      type: 'figure',
      attrs: { photoId, caption: 123, credit: null, alt: 'x'.repeat(2500), onclick: 'steal()', dir: 'sideways' },
    };
    const content = releaseContent({ headline: 'Old release' });
    content.body = { type: 'doc', content: [good, { type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] }, damaged] } as never;
    const json = JSON.stringify(content);
    raw
      .prepare(
        `INSERT INTO releases (id, version, status, content, headline, dateline_date, language, author_id, last_editor_id, created_at, updated_at)
         VALUES (?, 1, 'draft', ?, 'Old release', '', 'en', 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
      )
      .run(id, json);
    raw
      .prepare(
        `INSERT INTO revisions (release_seq, version, kind, status, content, word_count, actor_id, started_at, recorded_at) VALUES (1, 1, 'created', 'draft', ?, 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
      )
      .run(json);
    raw.close();

    const stores = createStores(openDatabase(file));
    const release = stores.releases.get(id);
    // The whole release now passes the one schema every reader trusts.
    expect(releaseContentSchema.safeParse(release.content).success).toBe(true);
    const [first, paragraph, repaired] = release.content.body.content as { type: string; attrs?: Record<string, unknown> }[];
    expect(first).toEqual(good);
    expect(paragraph!.type).toBe('paragraph');
    expect(repaired!.attrs).toEqual({ photoId, caption: '123', credit: '', alt: 'x'.repeat(2000), dir: null });
    const [revision] = stores.revisions.list(id);
    expect(stores.revisions.get(id, revision!.id)!.content.body.content![2]).toEqual(repaired);
  });
});
