import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { contract, methodNames, type MethodInput, type MethodName } from '@shared/api/contract';
import { apiErrorKinds, resultSchema, type Result } from '@shared/api/result';
import { activityLabels } from '@shared/api/activity';
import { exportFormats, fileFormats } from '@shared/export/options';
import type { ReleaseContent } from '@shared/release/content';
import { reviewActions, roles } from '@shared/review/workflow';
import { fixtureBytes, releaseContent, useTempDir } from '../testing/temp-store';
import { openBackend } from './backend';
import { dispatch } from './dispatch';

/*
 * Every method of the contract, called through the real dispatcher (the path IPC and HTTP both take)
 * on a real SQLite store, with (a) garbage and (b) well-formed inputs carrying hostile values.
 * DATELINE_PROPERTY_RUNS sets the cases per method and kind (npm run soak raises it);
 * DATELINE_PROPERTY_SEED replays a failure with the seed fast-check prints.
 */
const runs = Number(process.env.DATELINE_PROPERTY_RUNS ?? 40);
const seed = Number(process.env.DATELINE_PROPERTY_SEED ?? 20_261_206);

const tempDir = useTempDir();

interface Fixture {
  call(method: MethodName, input: unknown): Promise<Result<unknown>>;
  /** Everything committed, as another connection sees it: a commit that changes no row still moves data_version. */
  fingerprint(): string;
  integrity(): string;
  close(): void;
  releases: { live: string; trashed: string; inReview: string; absent: string };
  comment: string;
  photo: string;
  revisions: number[];
  people: number[];
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`fixture setup failed: ${result.error.message}`);
  return result.value;
}

async function seededStore(): Promise<Fixture> {
  const file = join(tempDir(), 'dateline.sqlite3');
  const backend = openBackend(file);
  const call = (method: MethodName, input: unknown) => dispatch(backend.handlers, method, input);
  const writer = valueOf(await call('signIn', { name: 'Amal Haddad', role: 'writer' })) as { id: number };
  const reviewer = valueOf(await call('addPerson', { name: 'Badr Saleh', role: 'reviewer' })) as { id: number };
  const photo = (valueOf(await call('addPhoto', { bytes: fixtureBytes('harbour.jpg') })) as { id: string }).id;
  const ready = releaseContent({
    headline: 'Ferry timetable changes',
    dateline: { city: 'Abu Dhabi', date: '2026-12-01' },
    bodyText: ['The ferry leaves at nine from Monday.'],
  });
  const create = async (content: ReleaseContent) => (valueOf(await call('createRelease', { content })) as { id: string }).id;
  // Saved twice, so versions 1 and 2 are stale.
  const live = await create(ready);
  valueOf(await call('saveRelease', { id: live, baseVersion: 1, content: { ...ready, headline: 'Ferry timetable changes again' } }));
  valueOf(await call('saveRelease', { id: live, baseVersion: 2, content: { ...ready, headline: 'Ferry timetable, final' } }));
  const trashed = await create(ready);
  valueOf(await call('trashRelease', { id: trashed }));
  const inReview = await create(ready);
  valueOf(await call('transitionRelease', { id: inReview, action: 'submit', baseVersion: 1 }));
  const comment = (
    valueOf(await call('addComment', { releaseId: live, text: 'Check the time', inline: false, quote: '' })) as { id: string }
  ).id;
  const revisions = (valueOf(await call('listRevisions', { releaseId: live })) as { id: number }[]).map((revision) => revision.id);

  const reader = new Database(file, { readonly: true });
  const tables = reader.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
  const fingerprint = () => {
    const hash = createHash('sha256').update(String(reader.pragma('data_version', { simple: true })));
    hash.update(JSON.stringify(reader.prepare(`SELECT * FROM sqlite_schema ORDER BY name`).all()));
    for (const table of tables) {
      for (const row of reader.prepare(`SELECT * FROM "${table}"`).raw().iterate()) {
        hash.update(JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('base64') : value)));
      }
      hash.update(`end of ${table}`);
    }
    return hash.digest('hex');
  };
  return {
    call,
    fingerprint,
    // A fresh connection each time: in SQLite 3.53 a connection that has read an FTS5 table reports a false
    // checksum mismatch from integrity_check once another connection writes to it, though its searches stay right.
    integrity: () => {
      const checker = new Database(file, { readonly: true });
      const verdict = checker.pragma('integrity_check', { simple: true }) as string;
      checker.close();
      return verdict;
    },
    close: () => {
      reader.close();
      backend.close();
    },
    releases: { live, trashed, inReview, absent: '5f0b8c1e-1111-4a4a-9b9b-123456789abc' },
    comment,
    photo,
    revisions,
    people: [writer.id, reviewer.id],
  };
}

// Hostile values that are still well formed.
const loneSurrogates = fc.constantFrom('\uD800', '\uDFFF', 'a\uDC00b', '\uDBFF\uD800');
const hostileText = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength, unit: 'binary' }),
    fc.string({ maxLength, unit: 'grapheme' }),
    fc.constantFrom('', ' ', '\u202E', '\u0000', 'مرحبا بالعالم', '%', '_', '"', "'; DROP TABLE releases; --", '*', 'NEAR(', 'AND OR'),
    loneSurrogates,
    fc.nat({ max: maxLength }).map((length) => 'x'.repeat(length)),
  );
const someText = (maxLength: number) => hostileText(maxLength).filter((text) => text.length > 0);
const version = fc.oneof(fc.constantFrom(1, 2, 3, 4), fc.integer({ min: 1, max: 2 ** 31 }), fc.constant(Number.MAX_SAFE_INTEGER));
const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

function hostileArbitraries(fixture: Fixture) {
  const releaseId = fc.oneof(fc.constantFrom(...Object.values(fixture.releases)), fc.uuid());
  const commentId = fc.oneof(fc.constant(fixture.comment), fc.uuid());
  const photoId = fc.oneof(fc.constant(fixture.photo), fc.stringMatching(/^[0-9a-f]{64}$/));
  const personId = fc.oneof(fc.constantFrom(...fixture.people, 999_999), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
  const revisionId = fc.oneof(fc.constantFrom(...fixture.revisions), fc.integer({ min: 1, max: 2 ** 31 }));
  const placement = fc.record({ photoId, caption: hostileText(200), credit: hostileText(100), alt: hostileText(200) });
  const mark = fc.oneof(
    fc.constantFrom({ type: 'bold' as const }, { type: 'italic' as const }, { type: 'underline' as const }),
    fc.record({
      type: fc.constant('link' as const),
      attrs: fc.record({ href: fc.constantFrom('https://example.org/a?b=1', 'mailto:a@b.c') }),
    }),
    fc.record({ type: fc.constant('comment' as const), attrs: fc.record({ commentId }) }),
  );
  const paragraph = fc.record({
    type: fc.constant('paragraph'),
    content: fc.array(
      fc.record({
        type: fc.constant('text'),
        text: someText(300),
        marks: fc.uniqueArray(mark, { maxLength: 2, selector: (each) => each.type }),
      }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  });
  const block = fc.oneof(
    { arbitrary: paragraph, weight: 4 },
    fc.record({
      type: fc.constant('heading'),
      attrs: fc.record({ level: fc.constantFrom(2, 3) }),
      content: fc.array(
        paragraph.map((p) => p.content[0]!),
        { minLength: 1, maxLength: 1 },
      ),
    }),
    fc.record({ type: fc.constant('figure'), attrs: placement }),
    fc.record({ type: fc.constant('blockquote'), content: fc.array(paragraph, { minLength: 1, maxLength: 2 }) }),
  );
  const content = fc
    .record({
      language: fc.constantFrom('en' as const, 'ar' as const),
      releaseLine: fc.oneof(
        fc.constant({ kind: 'immediate' as const }),
        fc.record({
          kind: fc.constant('embargoed' as const),
          date: fc.constantFrom('', '2026-12-01', '2000-02-29'),
          time: fc.constantFrom('', '00:00', '23:59'),
          timeZone: fc.constantFrom('Asia/Dubai', 'UTC', 'America/St_Johns'),
        }),
      ),
      headline: hostileText(500),
      subheadline: hostileText(300),
      city: hostileText(120),
      date: fc.constantFrom('', '2026-09-26', '1970-01-01'),
      leadPhoto: fc.option(placement),
      blocks: fc.array(block, { maxLength: 6 }),
      boilerplate: hostileText(300),
      endMark: hostileText(20),
    })
    .map(({ city, date, blocks, ...rest }): ReleaseContent => ({
      ...releaseContent(rest),
      dateline: { city, date },
      body: { type: 'doc', content: blocks.length > 0 ? (blocks as ReleaseContent['body']['content']) : [{ type: 'paragraph' }] },
    }));
  const exportOptions = fc.option(
    fc.record({ datelineStyle: fc.constantFrom('full' as const, 'ap' as const), includeCaptions: fc.boolean(), wrap: fc.boolean() }),
    { nil: undefined },
  );
  const sha256 = fc.stringMatching(/^[0-9a-f]{64}$/);
  const backupName = isoDate.map((at) => `dateline-${at.replace(/[:.]/g, '-')}.sqlite3`);
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const fileName = fc.oneof(someText(255), fc.constantFrom('exports.zip', 'رسالة.zip'));
  const hostileBytes = fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    fc.constantFrom(fixtureBytes('dot.gif'), fixtureBytes('skyline.png'), fixtureBytes('field.webp')),
    fc.uint8Array({ maxLength: 64 }).map((tail) => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...tail])),
  );

  // A mapped type, so a method added to the contract without an entry here does not compile.
  const arbitraries: { [M in MethodName]: fc.Arbitrary<MethodInput<M>> } = {
    getSession: fc.constant({}),
    signIn: fc.record({ name: someText(90), role: optional(fc.constantFrom(...roles)) }),
    listPeople: fc.constant({}),
    addPerson: fc.record({ name: someText(90), role: fc.constantFrom(...roles) }),
    setPersonRole: fc.record({ personId, role: fc.constantFrom(...roles) }),
    switchPerson: fc.record({ personId }),

    listReleases: fc.record({ view: fc.constantFrom('active' as const, 'trash' as const), query: optional(hostileText(200)) }),
    createRelease: fc.record({ id: optional(releaseId), content: optional(content) }),
    getRelease: fc.record({ id: releaseId }),
    saveRelease: fc.record({ id: releaseId, baseVersion: version, content }),
    duplicateRelease: fc.record({ id: releaseId }),
    trashRelease: fc.record({ id: releaseId }),
    restoreRelease: fc.record({ id: releaseId }),
    transitionRelease: fc.record({
      id: releaseId,
      action: fc.constantFrom(...reviewActions.filter((action) => action !== 'release')),
      baseVersion: version,
      comment: optional(hostileText(5000)),
      reason: optional(hostileText(2000)),
    }),
    reviewQueue: fc.constant({}),

    addPhoto: fc.record({ bytes: hostileBytes }),
    missingPhotos: fc.record({ ids: fc.array(photoId, { maxLength: 500 }) }),

    listComments: fc.record({ releaseId }),
    addComment: fc.record({
      releaseId,
      id: optional(commentId),
      text: someText(5000),
      inline: fc.boolean(),
      quote: hostileText(2000),
    }),
    editComment: fc.record({ id: commentId, text: someText(5000) }),
    deleteComment: fc.record({ id: commentId }),
    resolveComment: fc.record({ id: commentId, resolved: fc.boolean() }),

    listRevisions: fc.record({ releaseId }),
    getRevision: fc.record({ releaseId, revisionId }),
    restoreRevision: fc.record({ releaseId, revisionId, baseVersion: version }),

    listActivity: fc.record(
      {
        releaseId,
        personId,
        action: fc.constantFrom(...(Object.keys(activityLabels) as (keyof typeof activityLabels)[])),
        from: isoDate,
        until: isoDate,
      },
      { requiredKeys: [] },
    ),

    renderExport: fc.record({ id: releaseId, format: fc.constantFrom(...exportFormats), final: fc.boolean(), options: exportOptions }),
    recordExport: fc.record({
      id: releaseId,
      format: fc.constantFrom(...exportFormats),
      final: fc.boolean(),
      options: exportOptions,
      sha256,
    }),
    copyRelease: fc.record({ id: releaseId, format: fc.constantFrom(...exportFormats), options: exportOptions }),

    saveExport: fc.record({ id: releaseId, format: fc.constantFrom(...fileFormats), final: fc.boolean(), options: exportOptions }),
    saveBytesAs: fc.record({ suggestedName: fileName, bytes: fc.uint8Array({ maxLength: 256 }) }),
    chooseExportFolder: fc.constant({}),
    exportIntoFolder: fc.record({
      id: releaseId,
      format: fc.constantFrom(...fileFormats),
      final: fc.boolean(),
      options: exportOptions,
      folder: fc.oneof(someText(200), fc.constant(tempDir())),
    }),
    printRelease: fc.record({ id: releaseId, options: exportOptions }),
    setSpellCheckLanguage: fc.record({ language: fc.constantFrom('en' as const, 'ar' as const) }),

    historyCheck: fc.constant({}),
    storeHealth: fc.constant({}),
    listBackups: fc.constant({}),
    backUpNow: fc.constant({}),
    // Names of backups that are not there, and text that is no backup's name: restoring one that is would replace the fixture.
    restoreBackup: fc.record({ name: fc.oneof(backupName, someText(200)) }),
    // The fixture's database is sound, so every choice must be refused and change nothing.
    recoverStore: fc.oneof(
      fc.record({ choice: fc.constant('backup' as const), name: backupName }),
      fc.constant({ choice: 'salvage' as const }),
      fc.constant({ choice: 'fresh' as const }),
    ),

    teamConnection: fc.constant({}),
    // Port 0 is never listened on, so a well-formed address is refused at once and nothing leaves the machine.
    connectTeam: fc.record({
      address: fc.oneof(someText(200), fc.constant('http://127.0.0.1:0')),
      name: someText(90),
      password: hostileText(1100),
    }),
    disconnectTeam: fc.constant({}),
    // Never signed in here, so each is refused before anything leaves the machine.
    teamPeople: fc.constant({}),
    teamAddPerson: fc.record({
      name: someText(90),
      role: fc.constantFrom(...roles),
      admin: optional(fc.boolean()),
      password: hostileText(1100),
    }),
    teamSetRole: fc.record({ personId, role: fc.constantFrom(...roles), admin: fc.boolean() }),
    teamSetDisabled: fc.record({ personId, disabled: fc.boolean() }),
    teamSessions: fc.constant({}),
    teamAudit: fc.constant({}),
    teamRevokeSession: fc.record({ sessionId: fc.integer({ min: -2, max: 2 ** 40 }) }),

    openReleaseDoc: fc.record({ id: releaseId }),
    pushReleaseUpdate: fc.record({ id: releaseId, update: fc.uint8Array({ maxLength: 512 }) }),
    // A short wait: nothing else writes here, so a long one would only stretch the run.
    pullReleaseUpdate: fc.record({
      id: releaseId,
      stateVector: fc.uint8Array({ maxLength: 64 }),
      awareness: fc.option(fc.uint8Array({ maxLength: 128 }), { nil: null }),
      waitMs: fc.integer({ min: 0, max: 20 }),
    }),
    syncStatus: fc.constant({}),
  };
  return arbitraries;
}

/** Values that arrive over IPC (structured clone) or HTTP (JSON) when a caller is broken or hostile. */
const garbageValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
    values: [
      fc.double(),
      fc.constantFrom(Number.NaN, -0, Infinity, -Infinity, -1, 0, 1.5, 2 ** 53, Number.MAX_VALUE),
      fc.string({ unit: 'binary' }),
    ],
  }),
  fc.json({ maxDepth: 3 }).map((text) => JSON.parse(text) as unknown),
  fc.constantFrom('{"__proto__": {"id": 1}}', '{"constructor": {"prototype": {}}}').map((text) => JSON.parse(text) as unknown),
  loneSurrogates,
  fc.integer({ min: 1, max: 200_000 }).map((length) => '\uD83D'.repeat(length)),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => {
    let nested: unknown = { type: 'doc' };
    for (let level = 0; level < depth; level++) nested = { type: 'blockquote', content: [nested] };
    return nested;
  }),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => {
    let nested: unknown = [];
    for (let level = 0; level < depth; level++) nested = [nested];
    return nested;
  }),
);

/** A well-formed input broken in one place: a field gone, a field of another type, a field nobody asked for, or the whole wrapped. */
function garbageFrom(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const broken = fc
    .tuple(valid, garbageValue, fc.string({ unit: 'binary', maxLength: 20 }), fc.nat(), fc.nat(3))
    .map(([input, garbage, key, pick, how]) => {
      if (typeof input !== 'object' || input === null) return garbage;
      const record = input as Record<string, unknown>;
      const keys = Object.keys(record);
      const target = keys[pick % Math.max(keys.length, 1)];
      if (how === 0 && target !== undefined) {
        const { [target]: _dropped, ...rest } = record;
        return rest;
      }
      if (how === 1 && target !== undefined) return { ...record, [target]: garbage };
      if (how === 2) return { ...record, [key || 'extra']: garbage };
      return [record];
    });
  return fc.oneof(broken, garbageValue);
}

const figures = {
  cases: 0,
  reachedHandlers: 0,
  succeeded: 0,
  refusedAsInvalid: 0,
  refusedOtherwise: 0,
  thrown: 0,
  internal: 0,
  refusalsThatWrote: 0,
  methodsPassed: 0,
  integrityOk: 0,
};

async function checkCall(fixture: Fixture, method: MethodName, input: unknown): Promise<void> {
  figures.cases++;
  const valid = contract[method].input.safeParse(input).success;
  const before = fixture.fingerprint();
  let result: Result<unknown>;
  try {
    result = await fixture.call(method, input);
  } catch (error) {
    figures.thrown++;
    throw new Error(`${method} threw instead of answering: ${String(error)}`, { cause: error });
  }
  const typed = resultSchema(contract[method].output).safeParse(result);
  if (!typed.success) throw new Error(`${method} answered outside its result schema: ${typed.error.message}`);
  if (result.ok) {
    figures.succeeded++;
    if (!valid) throw new Error(`${method} accepted an input its schema refuses`);
  } else {
    const { kind, message } = result.error;
    if (kind === 'internal') figures.internal++;
    expect(apiErrorKinds, method).toContain(kind);
    expect(kind, `${method}: ${message}`).not.toBe('internal');
    expect(message.trim(), `${method}: a failure says why`).not.toBe('');
    if (!valid) {
      expect(kind, `${method}: ${message}`).toBe('invalid-input');
      figures.refusedAsInvalid++;
    } else figures.refusedOtherwise++;
    // A refusal of any kind leaves every row, and the commit counter, as it was.
    const unchanged = fixture.fingerprint() === before;
    if (!unchanged) figures.refusalsThatWrote++;
    expect(unchanged, `${method} refused (${kind}: ${message}) but changed the database`).toBe(true);
  }
  if (valid) figures.reachedHandlers++;
}

describe('every method, through the real dispatcher, on a real store', () => {
  it('has an arbitrary for every method in the contract', async () => {
    const fixture = await seededStore();
    expect(Object.keys(hostileArbitraries(fixture)).sort()).toEqual([...methodNames].sort());
    fixture.close();
  });

  methodNames.forEach((method, index) => {
    it(
      `${method}: always a typed answer, never internal; a refused input changes nothing`,
      async () => {
        const fixture = await seededStore();
        try {
          const arbitrary = hostileArbitraries(fixture)[method] as fc.Arbitrary<unknown>;
          if (!arbitrary) throw new Error(`no arbitrary for ${method}`);
          const property = (inputs: fc.Arbitrary<unknown>) => fc.asyncProperty(inputs, (input) => checkCall(fixture, method, input));
          await fc.assert(property(garbageFrom(arbitrary)), { numRuns: runs, seed: seed + index });
          await fc.assert(property(arbitrary), { numRuns: runs, seed: seed + index });
          expect(fixture.integrity()).toBe('ok');
          figures.integrityOk++;
          expect(await fixture.call('getSession', {})).toMatchObject({ ok: true });
          figures.methodsPassed++;
        } finally {
          fixture.close();
        }
      },
      // A bound, not a target: the soak's twentyfold runs on a busy shared machine.
      Math.max(60_000, runs * 1_000),
    );
  });

  afterAll(() => {
    console.log(
      [
        `API property tests (seed ${seed}, ${runs} garbage and ${runs} hostile well-formed inputs per method):`,
        `  methods passing: ${figures.methodsPassed} of ${methodNames.length}`,
        `  cases run: ${figures.cases} (schema-valid, reaching a handler: ${figures.reachedHandlers})`,
        `  answers: ${figures.succeeded} ok, ${figures.refusedAsInvalid} invalid-input, ${figures.refusedOtherwise} other typed refusals`,
        `  thrown: ${figures.thrown}; internal: ${figures.internal}; refusals that changed the database: ${figures.refusalsThatWrote}`,
        `  integrity_check ok after ${figures.integrityOk} of ${methodNames.length} methods' runs`,
      ].join('\n'),
    );
  });
});
