import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseContent, useTempDir } from '../testing/temp-store';
import { migrate, openDatabase } from './database';
import { verifyHistory } from './history-chain';
import { salvageInto } from './salvage';
import { openSqlite } from './sqlite';

const tempDir = useTempDir();

describe('salvage', () => {
  it('recovers every release of a database from before the history chain whose revisions are damaged, and brings it up to date', () => {
    const dir = tempDir();
    const damaged = join(dir, 'old.sqlite3');
    const raw = openSqlite(damaged);
    migrate(raw, 0, 3);
    const at = '2026-01-01T00:00:00.000Z';
    raw.prepare(`INSERT INTO people (id, name, role, created_at) VALUES (1, 'Amal Haddad', 'writer', ?)`).run(at);
    const release = raw.prepare(
      `INSERT INTO releases (id, version, status, content, headline, dateline_date, language, author_id, last_editor_id, created_at, updated_at)
       VALUES (@id, 1, 'draft', @json, @headline, '2026-12-01', 'en', 1, 1, @at, @at)`,
    );
    const revision = raw.prepare(
      `INSERT INTO revisions (release_seq, version, kind, status, content, word_count, actor_id, started_at, recorded_at)
       VALUES (@seq, 1, 'created', 'draft', @json, 60, 1, @at, @at)`,
    );
    for (let index = 0; index < 30; index++) {
      const headline = `Statement ${index}`;
      const json = JSON.stringify(releaseContent({ headline, bodyText: [`Words of statement ${index}. `.repeat(40)] }));
      const { lastInsertRowid } = release.run({ id: `0b7e6d2c-1111-4a4a-9b9b-${String(index).padStart(12, '0')}`, json, headline, at });
      revision.run({ seq: Number(lastInsertRowid), json, at });
    }
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const revisionPage = raw
      .prepare(`SELECT pageno FROM dbstat WHERE name = 'revisions' AND pagetype = 'leaf' LIMIT 1`)
      .pluck()
      .get() as number;
    raw.close();
    // A failing disk scribbles over one page of the revisions, the table migration 4 must read whole.
    const bytes = readFileSync(damaged);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0x5a, (revisionPage - 1) * pageSize + 8, revisionPage * pageSize);
    writeFileSync(damaged, bytes);

    const recovered = join(dir, 'dateline.sqlite3');
    const salvaged = salvageInto(damaged, recovered);
    expect(salvaged.find((table) => table.table === 'releases')).toEqual({ table: 'releases', copied: 30, damaged: false });
    expect(salvaged.find((table) => table.table === 'revisions')).toMatchObject({ damaged: true });

    const db = openDatabase(recovered);
    expect(db.prepare(`SELECT count(*) FROM releases`).pluck().get()).toBe(30);
    expect(verifyHistory(db)).toMatchObject({ intact: true });
    db.close();
  });
});
