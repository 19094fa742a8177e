import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { defaultExportOptions } from '@shared/export/options';
import { createStores } from '../api/backend';
import { releaseContent, useTempDir } from '../testing/temp-store';
import { migrate, openDatabase } from './database';
import { verifyHistory } from './history-chain';

const tempDir = useTempDir();

const content = (words: string) =>
  releaseContent({ headline: 'Port opens', dateline: { city: 'Abu Dhabi', date: '2026-12-01' }, bodyText: [words] });

/**
 * A release taken through what a press office does: created, edited twice in
 * one session (the session's revision is updated in place), submitted,
 * approved, commented on, exported as final, then withdrawn (the approval is set aside).
 */
function history() {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'dateline.sqlite3'));
  const stores = createStores(db);
  const writer = stores.people.add('Amal Haddad', 'writer');
  const reviewer = stores.people.add('Badr Saleh', 'reviewer');
  const { id } = stores.releases.create(writer.id, content('The quay opens today.'));
  let version = stores.releases.save(id, 1, content('The quay opens today at noon.'), writer.id).version;
  version = stores.releases.save(id, version, content('The eastern quay opens today at noon.'), writer.id).version;
  version = stores.lifecycle.transition(id, writer, 'submit', version, {}).version;
  stores.lifecycle.transition(id, reviewer, 'approve', version, {});
  stores.comments.add(id, reviewer.id, { text: 'Good to go.', inline: false, quote: '' });
  const request = { id, format: 'txt' as const, options: defaultExportOptions };
  stores.exports.writeAndRecord(request, stores.exports.produceText(request, true), reviewer, join(dir, 'out.txt'));
  stores.lifecycle.transition(id, writer, 'withdraw', stores.releases.get(id).version, { reason: 'Event postponed' });
  return { db, stores, writer };
}

const lastId = (db: Database.Database, table: string) => db.prepare(`SELECT max(id) FROM ${table}`).pluck().get() as number;

const breaksOf = (db: Database.Database) => {
  const check = verifyHistory(db);
  return check.intact ? [] : check.breaks.map(({ table, rowId, problem, message }) => ({ table, rowId, problem, message }));
};

describe('the chained history', () => {
  it('is intact after a realistic sequence, with the in-place changes recorded as amendments', () => {
    const { db } = history();
    const check = verifyHistory(db);
    const amendments = db.prepare(`SELECT target, count(*) AS n FROM history_amendments GROUP BY target ORDER BY target`).all();
    expect(amendments).toEqual([
      { target: 'approvals', n: 1 },
      { target: 'revisions', n: 1 },
    ]);
    expect(check).toEqual({
      intact: true,
      counts: {
        audit: db.prepare(`SELECT count(*) FROM audit`).pluck().get(),
        approvals: 1,
        revisions: db.prepare(`SELECT count(*) FROM revisions`).pluck().get(),
      },
    });
    expect(check.counts.audit).toBeGreaterThanOrEqual(6);
  });

  it('finds an audit entry changed after its trigger was dropped', () => {
    const { db } = history();
    db.exec(`DROP TRIGGER audit_is_append_only_update; UPDATE audit SET details = '{"comment":"Approved without reading"}' WHERE id = 3`);
    expect(breaksOf(db)).toEqual([{ table: 'audit', rowId: 3, problem: 'changed', message: 'audit entry 3 was changed' }]);
  });

  it("finds an approval's content hash changed, and one set aside that was brought back", () => {
    const { db } = history();
    db.prepare(`UPDATE approvals SET content_hash = ? WHERE id = 1`).run('f'.repeat(64));
    expect(breaksOf(db)).toEqual([{ table: 'approvals', rowId: 1, problem: 'changed', message: 'approval 1 was changed' }]);
    db.prepare(`UPDATE approvals SET content_hash = (SELECT content_hash FROM approvals WHERE id = 1), stale_at = NULL`).run();
    expect(breaksOf(db).map((found) => found.message)).toEqual(['approval 1 was changed']);
  });

  it("finds a revision's content edited, whether or not its session updated it since", () => {
    const { db } = history();
    const sessionRevision = db.prepare(`SELECT target_id FROM history_amendments WHERE target = 'revisions'`).pluck().get() as number;
    db.prepare(`UPDATE revisions SET content = replace(content, 'quay', 'pier') WHERE id IN (1, ?)`).run(sessionRevision);
    expect(breaksOf(db).map((found) => found.message)).toEqual([
      'revision 1 was changed',
      ...(sessionRevision === 1 ? [] : [`revision ${sessionRevision} was changed`]),
    ]);
  });

  it("keeps a change to the session's revision evident after the session's next save", () => {
    const { db, stores, writer } = history();
    const { id } = stores.releases.create(writer.id, content('First words.'));
    const version = stores.releases.save(id, 1, content('First words, and more.'), writer.id).version;
    const revision = lastId(db, 'revisions');
    db.prepare(`UPDATE revisions SET note = 'Checked by legal' WHERE id = ?`).run(revision);
    stores.releases.save(id, version, content('First words, and more still.'), writer.id);
    expect(db.prepare(`SELECT count(*) FROM history_amendments WHERE target_id = ?`).pluck().get(revision)).toBe(1);
    expect(breaksOf(db).map((found) => found.message)).toEqual([`revision ${revision} was changed`]);
  });

  it('finds a deleted middle row, naming it', () => {
    const { db } = history();
    db.exec(`DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE id = 4`);
    expect(breaksOf(db)).toEqual([{ table: 'audit', rowId: 5, problem: 'deleted', message: 'audit entry 4 was deleted' }]);
  });

  it('finds the newest rows deleted, which leave no broken link behind', () => {
    const { db } = history();
    const newest = lastId(db, 'audit');
    db.exec(`DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit WHERE id >= ${newest - 1}`);
    expect(breaksOf(db)).toEqual([
      { table: 'audit', rowId: newest, problem: 'deleted', message: `audit entries ${newest - 1}–${newest} (the newest) were deleted` },
    ]);
    db.exec(`DROP TRIGGER revisions_are_never_deleted; DELETE FROM revisions WHERE id = ${lastId(db, 'revisions')}`);
    expect(breaksOf(db).map((found) => found.table)).toEqual(['audit', 'revisions']);
  });

  it('finds rows put out of order, once', () => {
    const { db } = history();
    db.exec(`
      DROP TRIGGER audit_is_append_only_update;
      UPDATE audit SET id = -1 WHERE id = 3;
      UPDATE audit SET id = 3 WHERE id = 4;
      UPDATE audit SET id = 4 WHERE id = -1;
    `);
    expect(breaksOf(db)).toEqual([
      { table: 'audit', rowId: 3, problem: 'out-of-order', message: 'audit entry 3 is out of order: it was written after audit entry 4' },
    ]);
  });

  it('finds a row rewritten with its own hash recomputed, at the link to the next one', () => {
    const { db } = history();
    db.exec(`DROP TRIGGER audit_is_append_only_update; UPDATE audit SET row_hash = '${'e'.repeat(64)}' WHERE id = 2`);
    expect(breaksOf(db).map((found) => found.message)).toEqual([
      'audit entry 2 was changed',
      'audit entry 3 no longer follows audit entry 2: that one was rewritten, or one between them deleted',
    ]);
  });

  it('finds a row added outside Dateline, and goes on chaining past it', () => {
    const { db, stores, writer } = history();
    db.exec(`INSERT INTO audit (release_seq, actor_id, action, details, at) VALUES (1, 1, 'approve', '{}', '2026-01-01T00:00:00.000Z')`);
    const forged = lastId(db, 'audit');
    stores.releases.create(writer.id, content('Another release.'));
    expect(breaksOf(db)).toEqual([
      { table: 'audit', rowId: forged, problem: 'added', message: `audit entry ${forged} was added outside Dateline` },
    ]);
  });
});

describe('migration 4 (the history chain)', () => {
  it('chains the rows of a version-3 database so that it verifies clean, and goes on from there', () => {
    const file = join(tempDir(), 'v3.sqlite3');
    const raw = new Database(file);
    migrate(raw, 0, 3);
    const at = '2026-01-01T00:00:00.000Z';
    const json = JSON.stringify(content('The quay opens today.'));
    raw.exec(`
      INSERT INTO people (id, name, role, created_at) VALUES (1, 'Amal Haddad', 'writer', '${at}'), (2, 'Badr Saleh', 'reviewer', '${at}');
      INSERT INTO releases (id, version, status, content, headline, dateline_date, language, author_id, last_editor_id, created_at, updated_at)
        VALUES ('0b7e6d2c-1111-4a4a-9b9b-123456789abc', 3, 'approved', '${json}', 'Port opens', '2026-12-01', 'en', 1, 1, '${at}', '${at}');
      INSERT INTO revisions (release_seq, version, kind, status, content, word_count, actor_id, started_at, recorded_at)
        VALUES (1, 1, 'created', 'draft', '${json}', 4, 1, '${at}', '${at}'), (1, 3, 'state', 'approved', '${json}', 4, 2, '${at}', '${at}');
      INSERT INTO approvals (release_seq, approver_id, content_hash, approved_at, stale_at)
        VALUES (1, 2, '${'a'.repeat(64)}', '${at}', '${at}'), (1, 2, '${'b'.repeat(64)}', '${at}', NULL);
      INSERT INTO audit (release_seq, actor_id, action, details, at) VALUES (1, 1, 'create', '{}', '${at}'), (1, 2, 'approve', '{}', '${at}');
    `);
    raw.close();

    const db = openDatabase(file);
    expect(verifyHistory(db)).toEqual({ intact: true, counts: { audit: 2, approvals: 2, revisions: 2 } });
    const stores = createStores(db);
    stores.lifecycle.transition('0b7e6d2c-1111-4a4a-9b9b-123456789abc', { id: 1, role: 'writer' }, 'withdraw', 3, { reason: 'Postponed' });
    expect(verifyHistory(db)).toEqual({ intact: true, counts: { audit: 3, approvals: 2, revisions: 3 } });
    // The triggers 2 made are back: the audit trail still refuses changes by SQL.
    expect(() => db.prepare(`UPDATE audit SET action = 'nothing'`).run()).toThrow(/append-only/);
    db.close();
  });
});
