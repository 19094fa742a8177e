import { generateKeyPairSync, sign } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approvalStatement, type SignedApproval } from '@shared/api/team-releases';
import { defaultExportOptions } from '@shared/export/options';
import { sampleReleases } from '@shared/export/sample-releases';
import { createStores } from '../api/backend';
import { hashContent } from '../store/content-hash';
import { openDatabase } from '../store/database';
import { refusalOf, useTempDir } from '../testing/temp-store';

const tempDir = useTempDir();

/** A key pair standing in for a team server's: the test signs as the server would, Dateline only verifies. */
function serverKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    approve: (statement: Omit<SignedApproval, 'signature'>): SignedApproval => ({
      ...statement,
      signature: sign(null, Buffer.from(approvalStatement(statement), 'utf8'), privateKey).toString('base64'),
    }),
  };
}

/**
 * A collaborative release whose local database says Approved in every way the
 * local workflow reads: its status set and an approvals row for exactly this
 * content, both written into the real SQLite file by hand, as someone with the
 * file and a SQL tool could.
 */
function approvedByHand(pinnedKey: string) {
  const file = join(tempDir(), 'dateline.sqlite3');
  const db = openDatabase(file);
  const stores = createStores(db, () => pinnedKey);
  const writer = stores.people.add('Amal Haddad', 'writer');
  const reviewer = stores.people.add('Badr Saleh', 'reviewer');
  const release = stores.updates.atomically(() => {
    const created = stores.releases.create(writer.id, sampleReleases.embargoed);
    stores.documents.seed(created.id, created.content);
    return stores.releases.get(created.id);
  });
  const seq = db.prepare(`SELECT seq FROM releases WHERE id = ?`).pluck().get(release.id) as number;
  db.prepare(`UPDATE releases SET status = 'approved' WHERE id = ?`).run(release.id);
  db.prepare(`INSERT INTO approvals (release_seq, approver_id, content_hash, approved_at) VALUES (?, ?, ?, ?)`).run(
    seq,
    reviewer.id,
    hashContent(release.content),
    new Date().toISOString(),
  );
  const statement = {
    releaseId: release.id,
    contentSha256: hashContent(release.content),
    approverId: reviewer.id,
    approverName: reviewer.name,
    approvedAt: new Date().toISOString(),
  };
  const finalExport = () => stores.exports.render({ id: release.id, format: 'txt', options: defaultExportOptions }, true);
  const keep = (approval: SignedApproval) =>
    db
      .prepare(`INSERT OR REPLACE INTO team_approvals (release_id, approval, received_at) VALUES (?, ?, ?)`)
      .run(release.id, JSON.stringify(approval), new Date().toISOString());
  return { stores, release, statement, finalExport, keep, close: () => (stores.documents.close(), db.close()) };
}

describe('a final export of a team release', () => {
  it('is refused when the local database was edited by hand to say Approved, with no approval the server signed', () => {
    const server = serverKeys();
    const local = approvedByHand(server.publicKey);
    expect(local.stores.releases.get(local.release.id).approval).not.toBeNull();
    const refusal = refusalOf(local.finalExport);
    expect(refusal.kind).toBe('refused');
    expect(refusal.message).toContain('no approval signed by the team server');
    local.close();
  });

  it('is refused for an approval row forged into the database, signed by another key or not at all', () => {
    const server = serverKeys();
    const local = approvedByHand(server.publicKey);
    local.keep(serverKeys().approve(local.statement));
    expect(refusalOf(local.finalExport).message).toContain('does not carry the team server’s signature');
    const signed = server.approve(local.statement);
    local.keep({ ...signed, approverName: 'Someone Else' });
    expect(refusalOf(local.finalExport).message).toContain('does not carry the team server’s signature');
    local.close();
  });

  it('is refused when the server signed other words than the ones being exported', () => {
    const server = serverKeys();
    const local = approvedByHand(server.publicKey);
    local.keep(server.approve({ ...local.statement, contentSha256: 'a'.repeat(64) }));
    expect(refusalOf(local.finalExport).message).toContain('approved other words');
    local.close();
  });

  it('is final with the server’s signed approval of exactly this content, checked with the key pinned at sign-in', () => {
    const server = serverKeys();
    const local = approvedByHand(server.publicKey);
    local.keep(server.approve(local.statement));
    const rendered = local.finalExport();
    expect(rendered.final).toBe(true);
    expect(rendered.content).not.toContain('DRAFT');
    local.close();

    // The same signed approval, checked against another pinned key (a server that was swapped), does not pass.
    const swapped = approvedByHand(serverKeys().publicKey);
    swapped.keep(server.approve(swapped.statement));
    expect(refusalOf(swapped.finalExport).message).toContain('does not carry the team server’s signature');
    swapped.close();
  });
});
