import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '@shared/api/result';
import type { Role } from '@shared/review/workflow';
import { createStores } from '../api/backend';
import { fixtureBytes, refusalOf, releaseContent, useTempDir } from '../testing/temp-store';
import { hashContent } from './content-hash';
import { migrate, openDatabase } from './database';

const tempDir = useTempDir();

function setup(file = ':memory:') {
  const db = openDatabase(file);
  const stores = createStores(db);
  const person = (name: string, role: Role) => stores.people.add(name, role);
  return {
    db,
    ...stores,
    writer: person('Amal Haddad', 'writer'),
    reviewer: person('Badr Saleh', 'reviewer'),
    secondReviewer: person('Carla Diaz', 'reviewer'),
  };
}

/** Every row a release's lifecycle can write, to show that a refusal left all of them as they were. */
function everything(db: ReturnType<typeof openDatabase>) {
  return Object.fromEntries(
    ['releases', 'approvals', 'revisions', 'comments', 'audit'].map((table) => [table, db.prepare(`SELECT * FROM ${table}`).all()]),
  );
}

/** A real SQLite trigger that refuses every audit entry, so a write that records one fails at its last step. */
function refuseAuditEntries(db: ReturnType<typeof openDatabase>) {
  db.exec(`CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
  return () => db.exec(`DROP TRIGGER temp.refuse_audit`);
}

const readyContent = (overrides: Parameters<typeof releaseContent>[0] = {}) =>
  releaseContent({
    headline: 'Port opens',
    dateline: { city: 'Abu Dhabi', date: '2026-12-01' },
    bodyText: ['The quay opens today.'],
    ...overrides,
  });

/**
 * Random actions, weighted towards moving forward: uniform choices withdraw
 * half the releases before any is approved, and never test what follows approval.
 */
const progressingAction = fc.oneof(
  { arbitrary: fc.constant('submit' as const), weight: 3 },
  { arbitrary: fc.constant('approve' as const), weight: 4 },
  { arbitrary: fc.constant('request-changes' as const), weight: 1 },
  { arbitrary: fc.constant('withdraw' as const), weight: 1 },
  { arbitrary: fc.constant('reopen' as const), weight: 2 },
  { arbitrary: fc.constant('recall' as const), weight: 1 },
);

describe('review in the store', () => {
  it('runs a release from draft to approved, binding the approval to the content', () => {
    const { releases, lifecycle, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    const submitted = lifecycle.transition(release.id, writer, 'submit', 1, {});
    expect(submitted.status).toBe('in-review');
    expect(releases.get(release.id).statusChangedByName).toBe('Amal Haddad');
    const approved = lifecycle.transition(release.id, reviewer, 'approve', submitted.version, {});
    expect(approved.status).toBe('approved');
    expect(releases.get(release.id).approval).toMatchObject({ approverName: 'Badr Saleh' });
  });

  it('turns an approved release back to draft when any content changes, and approved again when the content is back to the approved hash', () => {
    const { releases, lifecycle, audit, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    let version = lifecycle.transition(release.id, writer, 'submit', 1, {}).version;
    version = lifecycle.transition(release.id, reviewer, 'approve', version, {}).version;
    const edited = releases.save(release.id, version, readyContent({ headline: 'Port opens early' }), writer.id);
    expect([edited.status, edited.approval]).toEqual(['draft', null]);
    expect([releases.get(release.id).status, releases.get(release.id).approval]).toEqual(['draft', null]);
    // The stray keystroke undone: the approval was given to exactly these words, so it is current again.
    const restored = releases.save(release.id, edited.version, readyContent(), writer.id);
    expect(restored).toMatchObject({ status: 'approved', approval: { approverName: 'Badr Saleh' } });
    expect(releases.get(release.id)).toMatchObject({ status: 'approved', approval: { approverName: 'Badr Saleh' } });
    expect(
      audit
        .list({ releaseId: release.id })
        .slice(0, 3)
        .map((entry) => [entry.action, entry.actorName]),
    ).toEqual([
      ['approval-current-again', 'Amal Haddad'],
      ['edit-session', 'Amal Haddad'],
      ['approval-lapsed', 'Amal Haddad'],
    ]);
  });

  it('does not revive an approval that a state change set aside', () => {
    const { releases, lifecycle, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    let version = lifecycle.transition(release.id, writer, 'submit', 1, {}).version;
    version = lifecycle.transition(release.id, reviewer, 'approve', version, {}).version;
    version = releases.save(release.id, version, readyContent({ headline: 'Port opens early' }), writer.id).version;
    // Sent to review again and recalled: only a new approval counts from here.
    version = lifecycle.transition(release.id, writer, 'submit', version, {}).version;
    version = lifecycle.transition(release.id, writer, 'recall', version, {}).version;
    expect(releases.save(release.id, version, readyContent(), writer.id)).toMatchObject({ status: 'draft', approval: null });
  });

  it('keeps an approval when a save changes nothing but inline-comment anchors', () => {
    const { releases, lifecycle, comments, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    let version = lifecycle.transition(release.id, writer, 'submit', 1, {}).version;
    version = lifecycle.transition(release.id, reviewer, 'approve', version, {}).version;
    const id = comments.add(release.id, reviewer.id, { text: 'Nice line', inline: true, quote: 'quay' });
    const anchored = readyContent();
    anchored.body.content![0]!.content = [
      { type: 'text', text: 'The ' },
      { type: 'text', text: 'quay', marks: [{ type: 'comment', attrs: { commentId: id } }] },
      { type: 'text', text: ' opens today.' },
    ];
    releases.save(release.id, version, anchored, reviewer.id);
    const after = releases.get(release.id);
    expect(after.status).toBe('approved');
    expect(after.approval).not.toBeNull();
    expect(after.lastEditorName).toBe('Amal Haddad');
  });

  it('refuses edits to a release in review, and lets reviewers only comment', () => {
    const { releases, lifecycle, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    const { version } = lifecycle.transition(release.id, writer, 'submit', 1, {});
    expect(refusalOf(() => releases.save(release.id, version, readyContent({ headline: 'Sneaky' }), reviewer.id))).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/read-only/),
    });
    expect(releases.get(release.id).content.headline).toBe('Port opens');
  });

  it('refuses a reviewer’s save that removes or changes a photo while the release is in review', () => {
    const { releases, lifecycle, photos, writer, reviewer } = setup();
    const photo = photos.add(fixtureBytes('harbour.jpg'));
    const leadPhoto = { photoId: photo.id, caption: 'The quay', credit: 'Media Office', alt: 'Cranes at the quay' };
    const release = releases.create(writer.id, readyContent({ leadPhoto }));
    const { version } = lifecycle.transition(release.id, writer, 'submit', 1, {});
    for (const changed of [null, { ...leadPhoto, caption: 'Another caption' }]) {
      expect(refusalOf(() => releases.save(release.id, version, readyContent({ leadPhoto: changed }), reviewer.id))).toMatchObject({
        kind: 'refused',
        message: 'This release is in review, so its text is read-only. Reviewers can comment on it.',
      });
    }
    expect(releases.get(release.id)).toMatchObject({ version, status: 'in-review', content: { leadPhoto } });
  });

  it('lets the author recall a release from review to draft, audited as a recall; nobody else', () => {
    const { releases, lifecycle, audit, revisions, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    const { version } = lifecycle.transition(release.id, writer, 'submit', 1, {});
    expect(refusalOf(() => lifecycle.transition(release.id, reviewer, 'recall', version, {})).message).toMatch(
      /Only the author can recall/,
    );
    const recalled = lifecycle.transition(release.id, writer, 'recall', version, {});
    expect(recalled.status).toBe('draft');
    expect(audit.list({ releaseId: release.id })[0]).toMatchObject({
      action: 'recall',
      actorName: 'Amal Haddad',
      details: { from: 'in-review', to: 'draft' },
    });
    expect(revisions.list(release.id)[0]).toMatchObject({ kind: 'state', status: 'draft' });
    // The typo can be fixed at once.
    expect(releases.save(release.id, recalled.version, readyContent({ headline: 'Port opens today' }), writer.id).status).toBe('draft');
  });

  it('enforces the second pair of eyes in the store, not only in the UI', () => {
    const { releases, lifecycle, people, reviewer, secondReviewer } = setup();
    const release = releases.create(reviewer.id, readyContent());
    let version = lifecycle.transition(release.id, reviewer, 'submit', 1, {}).version;
    expect(refusalOf(() => lifecycle.transition(release.id, reviewer, 'approve', version, {})).message).toMatch(/You wrote this release/);
    version = lifecycle.transition(release.id, secondReviewer, 'request-changes', version, { comment: 'Add a quote' }).version;
    version = releases.save(
      release.id,
      version,
      readyContent({ bodyText: ['The quay opens today.', '“A proud day,” said the chair.'] }),
      secondReviewer.id,
    ).version;
    version = lifecycle.transition(release.id, reviewer, 'submit', version, {}).version;
    expect(
      refusalOf(() => lifecycle.transition(release.id, people.setRole(secondReviewer.id, 'reviewer'), 'approve', version, {})).message,
    ).toMatch(/You edited this release last/);
  });

  it('blocks submission on the checklist, naming what to fix', () => {
    const { releases, lifecycle, photos, writer } = setup();
    const photo = photos.add(fixtureBytes('harbour.jpg'));
    const release = releases.create(
      writer.id,
      readyContent({ leadPhoto: { photoId: photo.id, caption: 'Quay', credit: '', alt: 'Cranes' } }),
    );
    expect(refusalOf(() => lifecycle.transition(release.id, writer, 'submit', 1, {})).message).toMatch(/The lead photo has no credit\./);
    expect(releases.get(release.id).status).toBe('draft');
  });

  it('refuses a transition based on a version that is no longer current', () => {
    const { releases, lifecycle, writer } = setup();
    const release = releases.create(writer.id, readyContent());
    releases.save(release.id, 1, readyContent({ headline: 'Newer' }), writer.id);
    expect(refusalOf(() => lifecycle.transition(release.id, writer, 'submit', 1, {})).kind).toBe('conflict');
  });

  it('holds under random actions by random people', () => {
    const step = fc.record({
      person: fc.integer({ min: 0, max: 2 }),
      kind: fc.oneof(
        { arbitrary: fc.constant('action'), weight: 3 },
        { arbitrary: fc.constant('edit'), weight: 2 },
        { arbitrary: fc.constant('anchor-only'), weight: 1 },
      ),
      action: progressingAction,
      headline: fc.constantFrom('Port opens', 'Port opens early', 'Port opens late'),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const { db, releases, lifecycle, writer, reviewer, secondReviewer } = setup();
        const everyone = [writer, reviewer, secondReviewer];
        const release = releases.create(writer.id, readyContent());
        for (const current of steps) {
          const person = everyone[current.person]!;
          const { version, content } = releases.get(release.id);
          try {
            if (current.kind === 'action')
              lifecycle.transition(release.id, person, current.action, version, { comment: 'Fix it', reason: 'Pulled' });
            else
              releases.save(release.id, version, current.kind === 'edit' ? { ...content, headline: current.headline } : content, person.id);
          } catch (error) {
            if (!(error instanceof ApiFailure)) throw error;
          }
          const now = releases.get(release.id);
          const row = db.prepare(`SELECT seq, author_id AS authorId FROM releases WHERE id = ?`).get(release.id) as {
            seq: number;
            authorId: number;
          };
          const latestApproval = () =>
            db
              .prepare(`SELECT content_hash FROM approvals WHERE release_seq = ? AND stale_at IS NULL ORDER BY id DESC LIMIT 1`)
              .pluck()
              .get(row.seq);
          if (now.status === 'approved') expect(now.approval).not.toBeNull();
          // A draft never sits on an approval that matches it: that would be approved.
          if (now.status === 'draft') expect(latestApproval()).not.toBe(hashContent(now.content));
          // Checked against the raw tables, not through get(): an approval that is shown was given to exactly this content.
          if (now.approval) expect(latestApproval()).toBe(hashContent(now.content));
          const approvers = db.prepare(`SELECT approver_id FROM approvals WHERE release_seq = ?`).pluck().all(row.seq) as number[];
          expect(approvers).not.toContain(row.authorId);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the lifecycle owns status and approvals', () => {
  it('writes nothing at all when it refuses a transition', () => {
    const { db, releases, lifecycle, photos, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    const { version } = lifecycle.transition(release.id, writer, 'submit', 1, {});
    const unready = releases.create(
      writer.id,
      readyContent({ leadPhoto: { photoId: photos.add(fixtureBytes('harbour.jpg')).id, caption: 'Quay', credit: '', alt: 'Cranes' } }),
    );
    const before = everything(db);
    for (const refused of [
      () => lifecycle.transition(release.id, writer, 'approve', version, {}),
      () => lifecycle.transition(release.id, reviewer, 'request-changes', version, { comment: '  ' }),
      () => lifecycle.transition(release.id, reviewer, 'approve', version - 1, {}),
      () => lifecycle.transition(release.id, writer, 'withdraw', version, {}),
      () => lifecycle.transition(unready.id, writer, 'submit', 1, {}),
      () => lifecycle.releaseByFinalExport(release.id, writer, 'html', new Date().toISOString()),
    ]) {
      expect(['refused', 'conflict']).toContain(refusalOf(refused).kind);
    }
    expect(everything(db)).toEqual(before);
  });

  it('writes a change request, its comment and its audit entry together or not at all', () => {
    const { db, releases, lifecycle, comments, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    const { version } = lifecycle.transition(release.id, writer, 'submit', 1, {});
    const before = everything(db);
    const allowAudit = refuseAuditEntries(db);
    expect(() => lifecycle.transition(release.id, reviewer, 'request-changes', version, { comment: 'Add a quote' })).toThrow(
      /audit refused/,
    );
    expect(() => comments.add(release.id, reviewer.id, { text: 'Check the date', inline: false, quote: '' })).toThrow(/audit refused/);
    expect(everything(db)).toEqual(before);
    allowAudit();
    comments.add(release.id, reviewer.id, { text: 'Check the date', inline: false, quote: '' });
    expect(comments.list(release.id).map((comment) => comment.text)).toEqual(['Check the date']);
  });

  it('marks an approved release Released on a final export by asking the workflow, and keeps it Released on the next', () => {
    const { db, releases, lifecycle, revisions, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    let version = lifecycle.transition(release.id, writer, 'submit', 1, {}).version;
    version = lifecycle.transition(release.id, reviewer, 'approve', version, {}).version;
    lifecycle.releaseByFinalExport(release.id, writer, 'html', '2026-12-01T09:00:00.000Z');
    expect(releases.get(release.id)).toMatchObject({
      status: 'released',
      version: version + 1,
      statusChangedAt: '2026-12-01T09:00:00.000Z',
      statusChangedByName: 'Amal Haddad',
      approval: { approverName: 'Badr Saleh' },
    });
    expect(revisions.list(release.id)[0]).toMatchObject({ kind: 'state', status: 'released', note: 'Released: exported as html' });
    const released = everything(db);
    lifecycle.releaseByFinalExport(release.id, reviewer, 'txt', '2026-12-02T09:00:00.000Z');
    expect(everything(db)).toEqual(released);
  });

  it('refuses to release a release whose approval lapsed after the export was rendered (a PDF prints meanwhile)', () => {
    const { db, releases, lifecycle, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    let version = lifecycle.transition(release.id, writer, 'submit', 1, {}).version;
    version = lifecycle.transition(release.id, reviewer, 'approve', version, {}).version;
    releases.save(release.id, version, readyContent({ headline: 'Port opens early' }), writer.id);
    const before = everything(db);
    expect(refusalOf(() => lifecycle.releaseByFinalExport(release.id, writer, 'pdf', new Date().toISOString())).message).toMatch(
      /Only an approved release whose approval is current/,
    );
    expect(everything(db)).toEqual(before);
  });
});

describe('revisions', () => {
  it('records one revision per editing session, one per state change, and restores in place', () => {
    const { releases, lifecycle, revisions, writer } = setup();
    const release = releases.create(writer.id, readyContent());
    let { version } = releases.save(release.id, 1, readyContent({ headline: 'Port opens today' }), writer.id);
    version = releases.save(release.id, version, readyContent({ headline: 'Port opens today at noon' }), writer.id).version;
    version = lifecycle.transition(release.id, writer, 'withdraw', version, { reason: 'Date moved' }).version;
    version = lifecycle.transition(release.id, writer, 'reopen', version, {}).version;
    const history = revisions.list(release.id);
    expect(history.map((revision) => revision.kind)).toEqual(['state', 'state', 'edit', 'created']);
    expect(history[2]).toMatchObject({ actorName: 'Amal Haddad', wordCount: 4 });
    expect(revisions.get(release.id, history[2]!.id)!.content.headline).toBe('Port opens today at noon');

    const created = history.at(-1)!;
    releases.save(release.id, version, revisions.get(release.id, created.id)!.content, writer.id, {
      restoredFrom: { revisionId: created.id, recordedAt: created.recordedAt },
    });
    expect(releases.get(release.id).content.headline).toBe('Port opens');
    expect(revisions.list(release.id)).toHaveLength(5);
    expect(revisions.list(release.id)[0]!.kind).toBe('restore');
  });

  it('starts a new session after five minutes or when another person edits', () => {
    const { releases, revisions, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    let { version } = releases.save(release.id, 1, readyContent({ headline: 'A' }), writer.id);
    version = releases.save(release.id, version, readyContent({ headline: 'B' }), reviewer.id).version;
    releases.save(release.id, version, readyContent({ headline: 'C' }), writer.id);
    expect(revisions.list(release.id).map((revision) => revision.actorName)).toEqual([
      'Amal Haddad',
      'Badr Saleh',
      'Amal Haddad',
      'Amal Haddad',
    ]);
  });
});

describe('audit trail', () => {
  it('records who did what and refuses UPDATE and DELETE', () => {
    const { db, releases, lifecycle, audit, writer } = setup();
    const release = releases.create(writer.id, readyContent());
    lifecycle.transition(release.id, writer, 'submit', 1, {});
    releases.trash(release.id, writer.id);
    expect(audit.list({ releaseId: release.id }).map((entry) => [entry.action, entry.actorName])).toEqual([
      ['trash', 'Amal Haddad'],
      ['submit', 'Amal Haddad'],
      ['create', 'Amal Haddad'],
    ]);
    expect(() => db.prepare(`UPDATE audit SET action = 'nothing'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM audit`).run()).toThrow(/append-only/);
    expect(audit.list({ action: 'submit' })).toHaveLength(1);
    expect(audit.list({ personId: writer.id, until: '2000-01-01T00:00:00.000Z' })).toEqual([]);
  });

  it('keeps edits and deletions of comments, which only their author may make', () => {
    const { releases, comments, audit, writer, reviewer } = setup();
    const release = releases.create(writer.id, readyContent());
    const id = comments.add(release.id, reviewer.id, { text: 'Check the date', inline: false, quote: '' });
    expect(refusalOf(() => comments.edit(id, writer.id, 'Hijacked')).message).toMatch(/Only the person who wrote a comment/);
    comments.edit(id, reviewer.id, 'Check the date and the city');
    comments.remove(id, reviewer.id);
    expect(comments.list(release.id)).toEqual([]);
    expect(
      audit
        .list({ releaseId: release.id })
        .slice(0, 3)
        .map((entry) => [entry.action, entry.details]),
    ).toEqual([
      ['comment-delete', { commentId: id, text: 'Check the date and the city' }],
      ['comment-edit', { commentId: id, before: 'Check the date', after: 'Check the date and the city' }],
      ['comment', { commentId: id, text: 'Check the date' }],
    ]);
  });
});

describe('the public release id', () => {
  it('is what every store takes, and an id that is no release is refused as not found, writing nothing', () => {
    const { db, comments, revisions, audit, writer } = setup();
    const unknown = '0b7e6d2c-2222-4a4a-9b9b-123456789abc';
    for (const call of [
      () => comments.list(unknown),
      () => comments.add(unknown, writer.id, { text: 'Lost', inline: false, quote: '' }),
      () => revisions.list(unknown),
      () => revisions.get(unknown, 1),
      () => audit.record(unknown, writer.id, 'print'),
    ]) {
      expect(refusalOf(call)).toEqual({ kind: 'not-found', message: 'That release no longer exists.' });
    }
    expect(db.prepare(`SELECT (SELECT count(*) FROM comments) + (SELECT count(*) FROM audit)`).pluck().get()).toBe(0);
  });
});

describe('migration 2 (review)', () => {
  it('brings a version-1 database forward with its releases, giving each a first revision', () => {
    const file = join(tempDir(), 'v1.sqlite3');
    const raw = new Database(file);
    migrate(raw, 0, 1);
    raw.prepare(`INSERT INTO people (id, name, created_at) VALUES (1, 'Amal Haddad', '2026-01-01T00:00:00.000Z')`).run();
    raw
      .prepare(
        `INSERT INTO releases (id, version, status, content, headline, dateline_date, language, author_id, last_editor_id, created_at, updated_at)
         VALUES ('0b7e6d2c-1111-4a4a-9b9b-123456789abc', 3, 'draft', ?, 'Old release', '', 'en', 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')`,
      )
      .run(JSON.stringify(readyContent({ headline: 'Old release' })));
    raw.close();

    const { releases, revisions, people } = createStores(openDatabase(file));
    const release = releases.get('0b7e6d2c-1111-4a4a-9b9b-123456789abc');
    expect([release.content.headline, release.version, release.status]).toEqual(['Old release', 3, 'draft']);
    expect(people.list()).toEqual([{ id: 1, name: 'Amal Haddad', role: 'writer' }]);
    expect(revisions.list(release.id)).toMatchObject([{ kind: 'created', version: 3, wordCount: 4, actorName: 'Amal Haddad' }]);
  });
});
