import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { releaseContentOf } from '@shared/release/release-doc';
import { savedReleaseContentSchema, type ReleaseContent } from '@shared/release/content';
import { canonicalContent, canonicalJson } from '@shared/review/canonical';
import { writeTransaction } from '../store/write-transaction';

/** What the server reads off a release's document: its content, the hash an approval is bound to, and why it cannot be used, if so. */
export interface DocumentFacts {
  content: ReleaseContent;
  contentSha256: string;
  headline: string;
  /** Set when the document holds something the content schema refuses (written by a newer Dateline, or damaged). */
  problem: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function documentFacts(doc: Y.Doc): DocumentFacts {
  const content = releaseContentOf(doc);
  const parsed = savedReleaseContentSchema.safeParse(content);
  if (parsed.success) {
    return { content: parsed.data, contentSha256: sha256(canonicalContent(parsed.data)), headline: parsed.data.headline, problem: null };
  }
  const issue = parsed.error.issues[0];
  return {
    content,
    // Still a hash of what is there, so it changes with every edit and matches no approval.
    contentSha256: sha256(canonicalJson(content)),
    headline: typeof content.headline === 'string' ? content.headline : '',
    problem: `This release's text cannot be read here (${issue?.path.join('.') || 'content'}: ${issue?.message ?? 'not valid'}).`,
  };
}

/** The facts of a document nobody has written to yet: what a release is when it is registered. */
export const emptyDocumentFacts = (): DocumentFacts => documentFacts(new Y.Doc());

/**
 * The Yjs documents in the server's SQLite file, each as one state update.
 * A store merges with what is stored, so two server processes writing the same
 * release (each from its own copy) never drop each other's words.
 */
export class DocumentStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  load(releaseId: string): Uint8Array | null {
    const state = this.db.prepare(`SELECT state FROM release_documents WHERE release_id = ?`).pluck().get(releaseId) as Buffer | undefined;
    return state ? new Uint8Array(state) : null;
  }

  store(releaseId: string, doc: Y.Doc): void {
    writeTransaction(this.db, () => {
      const stored = this.load(releaseId);
      // Merged in a document of its own rather than with Y.mergeUpdates, which keeps the text of a deleted item when
      // the stored copy still has it: here deleted text is collected, so the stored state does not keep every word
      // ever deleted.
      let merged = Y.encodeStateAsUpdate(doc);
      if (stored) {
        const both = new Y.Doc();
        Y.applyUpdate(both, stored);
        Y.applyUpdate(both, merged);
        merged = Y.encodeStateAsUpdate(both);
        both.destroy();
      }
      this.db
        .prepare(
          `INSERT INTO release_documents (release_id, state, stored_at) VALUES (?, ?, ?)
           ON CONFLICT (release_id) DO UPDATE SET state = excluded.state, stored_at = excluded.stored_at`,
        )
        .run(releaseId, merged, this.now().toISOString());
    });
  }

  /** The stored document, for a release nobody has open on this server. */
  read(releaseId: string): Y.Doc {
    const doc = new Y.Doc();
    const state = this.load(releaseId);
    if (state) Y.applyUpdate(doc, state);
    return doc;
  }
}
