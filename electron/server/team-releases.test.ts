import { generateKeyPairSync, sign } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Comment } from '@shared/api/comments';
import type { TeamAuditEntry } from '@shared/api/team';
import { approvalStatement, type SignedApproval, type TeamRelease } from '@shared/api/team-releases';
import { releaseBody, releaseContentOf, seedReleaseDoc, setReleaseField } from '@shared/release/release-doc';
import { hashContent } from '../store/content-hash';
import { openOffice, type Office } from '../testing/team-office';
import { syncRelease, until, type SyncedRelease } from '../testing/team-sync-client';
import { fixtureBytes, releaseContent, useTempDir } from '../testing/temp-store';
import { verifySignedApproval } from './approval-signature';

const tempDir = useTempDir();
const offices: Office[] = [];
const clients: SyncedRelease[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const office of offices.splice(0)) await office.stop();
});

function sync(team: Office, releaseId: string, token: string, doc?: Y.Doc) {
  const client = syncRelease(team.url, releaseId, token, doc);
  clients.push(client);
  return client;
}
/** A real PNG made larger than the old 64 KB request limit by a text chunk of 200 KB before its end. */
function largerThanAnySignIn(png: Uint8Array): Uint8Array {
  const data = Buffer.concat([Buffer.from('tEXtComment\0'), Buffer.alloc(200 * 1024, 'a')]);
  const chunk = Buffer.alloc(data.length + 8);
  chunk.writeUInt32BE(data.length - 4, 0);
  data.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(data), data.length + 4);
  const end = png.length - 12;
  return new Uint8Array(Buffer.concat([png.subarray(0, end), chunk, png.subarray(end)]));
}

const hashOf = (client: SyncedRelease) => hashContent(releaseContentOf(client.doc));
const command = () => ({ commandId: randomUUID() });

/** An office with a writer (Layla), two reviewers (Omar, Badr), and a release Layla wrote, ready for review, synced to the server. */
async function newsroom() {
  const team = await openOffice(tempDir());
  offices.push(team);
  const layla = await team.join('Layla Nasser', 'writer', true);
  const omar = await team.join('Omar Khatib', 'reviewer');
  const badr = await team.join('Badr Saleh', 'reviewer');
  const id = randomUUID();
  await team.value('registerRelease', { ...command(), id }, layla.token);
  const doc = new Y.Doc();
  seedReleaseDoc(
    doc,
    releaseContent({ headline: 'Harbour opens', dateline: { city: 'Abu Dhabi', date: '2026-12-06' }, bodyText: ['The quay opened.'] }),
  );
  const author = sync(team, id, layla.token, doc);
  /** Whether the server's copy has everything this copy has: its hash, read fresh, is the same. */
  const caughtUp = (client: SyncedRelease) => async () =>
    (await team.value<TeamRelease>('teamRelease', { id }, layla.token)).contentSha256 === hashOf(client);
  await until('the server has the author’s words', caughtUp(author));
  const act = (token: string, action: string, extra: Record<string, unknown> = {}) =>
    team.call<TeamRelease>('teamReleaseAction', { ...command(), id, action, contentSha256: hashOf(author), ...extra }, token);
  const release = (token = layla.token) => team.value<TeamRelease>('teamRelease', { id }, token);
  const audit = () => team.value<TeamAuditEntry[]>('listTeamAudit', {}, layla.token);
  return { team, layla, omar, badr, id, author, act, release, audit, caughtUp };
}

describe('releases on the team server', () => {
  it('takes a release through review to a signed approval and a final export, and makes the text read-only in review', async () => {
    const { team, layla, omar, id, author, act, release } = await newsroom();
    expect((await act(layla.token, 'submit')).ok).toBe(true);
    await until('the author’s socket is read-only', () => author.scopes.at(-1) === 'readonly');

    // Typed while in review: the server applies none of it.
    const before = (await release()).contentSha256;
    setReleaseField(author.doc, 'headline', 'Typed while in review');
    await until('the server refuses the update', () => author.acknowledgements.includes(false));
    const reader = sync(team, id, omar.token);
    await until('a reviewer has the server’s copy', () => releaseContentOf(reader.doc).headline !== '');
    expect(releaseContentOf(reader.doc).headline).toBe('Harbour opens');
    expect((await release()).contentSha256).toBe(before);

    const approved = await team.value<TeamRelease>(
      'teamReleaseAction',
      { ...command(), id, action: 'approve', contentSha256: before },
      omar.token,
    );
    expect(approved).toMatchObject({ status: 'approved', approval: { approverName: 'Omar Khatib', contentSha256: before } });
    const { publicKey } = await team.value<{ publicKey: string }>('serverKey', {}, layla.token);
    expect(verifySignedApproval(approved.approval, publicKey)).toBe(true);

    expect((await team.value<TeamRelease>('teamReleaseExported', { ...command(), id, contentSha256: before }, layla.token)).status).toBe(
      'released',
    );
    // Exported again, still final: it stays Released with its approval.
    expect(await team.value<TeamRelease>('teamReleaseExported', { ...command(), id, contentSha256: before }, omar.token)).toMatchObject({
      status: 'released',
      approval: { contentSha256: before },
    });
  });

  it('takes a reviewer’s inline comment anchor during review, and still none of a reviewer’s words', async () => {
    const { team, layla, omar, id, author, act, release } = await newsroom();
    await act(layla.token, 'submit');
    const reviewer = sync(team, id, omar.token);
    await until('the reviewer’s socket is read-only', () => reviewer.scopes.at(-1) === 'readonly');
    await until('the reviewer has the server’s copy', () => releaseContentOf(reviewer.doc).headline === 'Harbour opens');
    const before = (await release()).contentSha256;
    const firstText = (doc: Y.Doc) => (releaseBody(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

    const commentId = randomUUID();
    firstText(reviewer.doc).format(0, 7, { comment: { commentId } });
    await until('the author has the anchor', () => JSON.stringify(releaseContentOf(author.doc).body).includes(commentId));
    await until('the reviewer’s provider has nothing left unacknowledged', () => !reviewer.provider.hasUnsyncedChanges);
    expect(reviewer.acknowledgements).not.toContain(false);
    const answered = reviewer.acknowledgements.length;

    // Words, alone or beside another anchor, are refused as a whole.
    setReleaseField(reviewer.doc, 'headline', 'Typed by a reviewer in review');
    reviewer.doc.transact(() => {
      firstText(reviewer.doc).format(0, 3, { comment: { commentId: randomUUID() } });
      firstText(reviewer.doc).insert(0, 'Sneaked ');
    });
    await until('the server answers both', () => reviewer.acknowledgements.length === answered + 2);
    expect(reviewer.acknowledgements.slice(answered)).toEqual([false, false]);
    const fresh = sync(team, id, layla.token);
    await until('a fresh copy has the server’s words', () => releaseContentOf(fresh.doc).headline !== '');
    expect(releaseContentOf(fresh.doc).headline).toBe('Harbour opens');
    expect(JSON.stringify(releaseContentOf(fresh.doc).body)).not.toContain('Sneaked');
    expect((await release()).contentSha256).toBe(before);
  });

  it('refuses an action on content the server no longer has ("words arrived since"), changing nothing, and records it', async () => {
    const { layla, id, author, release, audit, caughtUp } = await newsroom();
    const seen = hashOf(author);
    setReleaseField(author.doc, 'subheadline', 'A line added after the author looked');
    await until('the server has the new line', caughtUp(author));
    const refused = await offices[0]!.call('teamReleaseAction', { ...command(), id, action: 'submit', contentSha256: seen }, layla.token);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'refused', message: /Words arrived/ } });
    expect((await release()).status).toBe('draft');
    expect((await audit()).find((entry) => entry.action === 'refused')).toMatchObject({
      actorName: 'Layla Nasser',
      details: { method: 'teamReleaseAction', id, action: 'submit' },
    });
  });

  it('lets nobody approve who typed into the release since a reviewer last looked, nor its author', async () => {
    const { team, layla, omar, badr, id, author, act, release, audit, caughtUp } = await newsroom();
    await act(layla.token, 'submit');
    expect((await act(omar.token, 'request-changes', { comment: 'Name the quay.' })).ok).toBe(true);
    const comments = await team.value<Comment[]>('teamComments', { releaseId: id }, layla.token);
    expect(comments).toMatchObject([{ text: 'Name the quay.', authorName: 'Omar Khatib' }]);

    // Omar fixes it himself while changes are requested; his words reach the server.
    const omarsCopy = sync(team, id, omar.token);
    await until('Omar has the release', () => releaseContentOf(omarsCopy.doc).headline === 'Harbour opens');
    setReleaseField(omarsCopy.doc, 'headline', 'Eastern quay opens');
    await until('Layla sees Omar’s fix', () => releaseContentOf(author.doc).headline === 'Eastern quay opens');
    expect((await release()).changedSinceSubmissionBy).toEqual([omar.person.id]);
    // Layla edits after him, so he is no longer the last editor the workflow itself looks at.
    setReleaseField(author.doc, 'subheadline', 'The eastern quay takes its first ship on Monday');
    await until('the server has Layla’s line', caughtUp(author));
    expect((await release()).changedSinceSubmissionBy).toEqual([layla.person.id, omar.person.id]);
    expect((await act(layla.token, 'submit')).ok).toBe(true);

    expect(await act(omar.token, 'approve')).toMatchObject({ ok: false, error: { message: /You changed this release/ } });
    expect(await act(layla.token, 'approve')).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect((await release()).status).toBe('in-review');
    expect((await audit()).find((entry) => entry.action === 'refused' && entry.actorName === 'Omar Khatib')).toMatchObject({
      details: { method: 'teamReleaseAction', id, action: 'approve', reason: expect.stringMatching(/You changed this release/) },
    });
    expect(await act(badr.token, 'approve')).toMatchObject({ ok: true, value: { status: 'approved', changedSinceSubmissionBy: [] } });
  });

  it('refuses a request that names a person, a replayed approval does nothing twice, and an approval of an old hash is refused', async () => {
    const { team, layla, omar, badr, id, author, act, release, audit, caughtUp } = await newsroom();
    await act(layla.token, 'submit');
    const claiming = await team.call(
      'teamReleaseAction',
      { ...command(), id, action: 'approve', contentSha256: hashOf(author), approverId: layla.person.id },
      omar.token,
    );
    expect(claiming).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect((await release()).status).toBe('in-review');
    expect((await audit()).some((entry) => entry.action === 'refused' && entry.details.method === 'teamReleaseAction')).toBe(true);

    const approval = { ...command(), id, action: 'approve', contentSha256: hashOf(author) };
    const first = await team.value<TeamRelease>('teamReleaseAction', approval, omar.token);
    const replay = await team.value<TeamRelease>('teamReleaseAction', approval, omar.token);
    expect(replay).toEqual(first);
    expect(team.store.db.prepare(`SELECT count(*) FROM approvals`).pluck().get()).toBe(1);
    // The same command id from someone else is not theirs to replay.
    expect(await team.call('teamReleaseAction', approval, badr.token)).toMatchObject({ ok: false, error: { message: /command id/ } });

    // The author edits the approved release (it becomes a draft), resubmits; the first hash no longer counts.
    const approvedHash = hashOf(author);
    await until('the author may edit again', () => author.scopes.at(-1) === 'read-write');
    setReleaseField(author.doc, 'headline', 'Harbour opens on Monday');
    await until('the server has the edit', caughtUp(author));
    expect((await release()).status).toBe('draft');
    expect((await release()).approval).toBeNull();
    await team.value('teamReleaseAction', { ...command(), id, action: 'submit', contentSha256: hashOf(author) }, layla.token);
    const stale = await team.call('teamReleaseAction', { ...command(), id, action: 'approve', contentSha256: approvedHash }, badr.token);
    expect(stale).toMatchObject({ ok: false, error: { message: /Words arrived/ } });
    expect((await release()).status).toBe('in-review');
  });

  it('lets the author recall a release to fix it, asks a reason to withdraw, and keeps the review queue and the active list in step', async () => {
    const { team, layla, omar, id, author, act, release, caughtUp } = await newsroom();
    await act(layla.token, 'submit');
    expect((await team.value<TeamRelease[]>('teamReleases', { view: 'review' }, omar.token)).map((listed) => listed.id)).toEqual([id]);
    expect(await act(omar.token, 'recall')).toMatchObject({ ok: false, error: { message: /Only the author/ } });
    expect((await act(layla.token, 'recall')).ok).toBe(true);
    await until('the author may type again', () => author.scopes.at(-1) === 'read-write');
    setReleaseField(author.doc, 'headline', 'Harbour opens (corrected)');
    await until('the server has the correction', caughtUp(author));
    expect(await team.value<TeamRelease[]>('teamReleases', { view: 'review' }, omar.token)).toEqual([]);

    expect(await act(layla.token, 'withdraw')).toMatchObject({ ok: false, error: { message: /reason/ } });
    expect((await act(layla.token, 'withdraw', { reason: 'The opening moved to next month.' })).ok).toBe(true);
    await until('nobody may type into a withdrawn release', () => author.scopes.at(-1) === 'readonly');
    expect(await team.value<TeamRelease[]>('teamReleases', { view: 'active' }, omar.token)).toEqual([]);
    expect((await act(layla.token, 'reopen')).ok).toBe(true);
    expect((await release()).status).toBe('draft');
  });

  it('signs approvals so that another key, or any changed field, fails verification', async () => {
    const { team, layla, omar, act, release: current } = await newsroom();
    await act(layla.token, 'submit');
    const release = await current();
    const { approval } = await team.value<TeamRelease>(
      'teamReleaseAction',
      { ...command(), id: release.id, action: 'approve', contentSha256: release.contentSha256 },
      omar.token,
    );
    const { publicKey } = await team.value<{ publicKey: string }>('serverKey', {}, layla.token);
    const signed = approval!;
    expect(verifySignedApproval(signed, publicKey)).toBe(true);

    const forger = generateKeyPairSync('ed25519');
    const forged: SignedApproval = {
      ...signed,
      signature: sign(null, Buffer.from(approvalStatement(signed)), forger.privateKey).toString('base64'),
    };
    expect(verifySignedApproval(forged, publicKey)).toBe(false);
    expect(verifySignedApproval(forged, forger.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'))).toBe(true);
    for (const tampered of [
      { ...signed, approverName: 'Badr Saleh' },
      { ...signed, approverId: signed.approverId + 1 },
      { ...signed, contentSha256: '0'.repeat(64) },
      { ...signed, approvedAt: '2026-01-01T00:00:00.000Z' },
      { ...signed, releaseId: randomUUID() },
    ])
      expect(verifySignedApproval(tampered, publicKey)).toBe(false);
    expect(verifySignedApproval(signed, 'not a key')).toBe(false);
  });

  it('keeps comments: only their author edits or deletes them, a reviewer or the release’s author resolves them', async () => {
    const { team, layla, omar, badr, id } = await newsroom();
    const commentId = randomUUID();
    const added = await team.value<Comment>(
      'teamAddComment',
      { ...command(), releaseId: id, id: commentId, text: 'Check the date.', inline: true, quote: 'Monday' },
      omar.token,
    );
    expect(added).toMatchObject({ id: commentId, authorName: 'Omar Khatib', inline: true, quote: 'Monday' });
    const change = (token: string, change: unknown) => team.call('teamChangeComment', { ...command(), id: commentId, change }, token);
    expect(await change(layla.token, { kind: 'edit', text: 'Mine now' })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await change(badr.token, { kind: 'delete' })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect((await change(omar.token, { kind: 'edit', text: 'Check the date, please.' })).ok).toBe(true);
    expect((await change(layla.token, { kind: 'resolve', resolved: true })).ok).toBe(true);
    expect(await team.value<Comment[]>('teamComments', { releaseId: id }, badr.token)).toMatchObject([
      { text: 'Check the date, please.', resolvedByName: 'Layla Nasser' },
    ]);
    expect((await change(omar.token, { kind: 'delete' })).ok).toBe(true);
    expect(await team.value<Comment[]>('teamComments', { releaseId: id }, badr.token)).toEqual([]);
  });

  it('registers a release once, for its author only', async () => {
    const { team, layla, omar, id } = await newsroom();
    const again = await team.value<TeamRelease>('registerRelease', { ...command(), id }, layla.token);
    expect(again).toMatchObject({ id, authorName: 'Layla Nasser', status: 'draft' });
    expect(await team.call('registerRelease', { ...command(), id }, omar.token)).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect((await team.value<TeamRelease[]>('teamReleases', { view: 'active' }, omar.token)).map((release) => release.id)).toEqual([id]);
  });

  it('stores photos once by their SHA-256, judged by their bytes, in requests far larger than a sign-in', async () => {
    const { team, layla, omar } = await newsroom();
    const photo = largerThanAnySignIn(fixtureBytes('skyline.png'));
    expect(photo.length).toBeGreaterThan(64 * 1024);
    const { id } = await team.value<{ id: string }>('teamPutPhoto', { bytes: photo }, layla.token);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect((await team.value<{ id: string }>('teamPutPhoto', { bytes: photo }, omar.token)).id).toBe(id);
    expect(team.store.db.prepare(`SELECT count(*) FROM team_photos`).pluck().get()).toBe(1);
    expect(
      Buffer.from((await team.value<{ bytes: Uint8Array }>('teamGetPhoto', { id }, omar.token)).bytes).equals(Buffer.from(photo)),
    ).toBe(true);
    // A call that carries no photo is held to the text limit, and refused unread past it.
    expect(await team.call('teamAddComment', { padding: 'x'.repeat(300 * 1024) }, layla.token)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: /larger than anything Dateline sends/ },
    });
    expect(await team.call('teamPutPhoto', { bytes: new TextEncoder().encode('not an image') }, layla.token)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: /not a complete/ },
    });
  });
});
