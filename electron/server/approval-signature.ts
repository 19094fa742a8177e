import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3';
import { approvalStatement, signedApprovalSchema, type SignedApproval } from '@shared/api/team-releases';
import { writeTransaction } from '../store/write-transaction';

/**
 * The server's Ed25519 key, made at its first start. It lives in the server's
 * database rather than a file beside it: two server processes sharing that
 * database (--redis) then sign with one key that clients pin once, and a
 * backup of the one file keeps the key with the approvals it signed. Whoever
 * can read team.sqlite3 can sign, so the file is the secret to guard.
 */
export interface ApprovalSigner {
  /** SubjectPublicKeyInfo DER in base64, as serverKey returns it. */
  publicKey: string;
  sign(approval: Omit<SignedApproval, 'signature'>): SignedApproval;
}

export function approvalSigner(db: Database.Database, now: () => Date = () => new Date()): ApprovalSigner {
  const stored = writeTransaction(db, () => {
    const row = db.prepare(`SELECT private_key AS privateKey, public_key AS publicKey FROM signing_key WHERE id = 1`).get() as
      { privateKey: string; publicKey: string } | undefined;
    if (row) return row;
    const pair = generateKeyPairSync('ed25519');
    const made = {
      privateKey: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    };
    db.prepare(`INSERT INTO signing_key (id, private_key, public_key, created_at) VALUES (1, ?, ?, ?)`).run(
      made.privateKey,
      made.publicKey,
      now().toISOString(),
    );
    return made;
  });
  const privateKey = createPrivateKey(stored.privateKey);
  return {
    publicKey: stored.publicKey,
    sign: (approval) => ({
      ...approval,
      signature: sign(null, Buffer.from(approvalStatement(approval), 'utf8'), privateKey).toString('base64'),
    }),
  };
}

function publicKeyFrom(publicKeyBase64: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/**
 * Whether this approval was signed, exactly as it reads, by the server whose
 * key the client pinned. Pure: it checks the signature only; the caller also
 * checks the hash against the content it is about to export.
 */
export function verifySignedApproval(approval: unknown, publicKeyBase64: string): boolean {
  const parsed = signedApprovalSchema.safeParse(approval);
  const key = publicKeyFrom(publicKeyBase64);
  if (!parsed.success || !key) return false;
  const { signature, ...statement } = parsed.data;
  return verify(null, Buffer.from(approvalStatement(statement), 'utf8'), key, Buffer.from(signature, 'base64'));
}
