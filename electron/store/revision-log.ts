import type { Database } from 'better-sqlite3';
import type { RevisionSummary } from '@shared/api/revisions';
import type { ReleaseContent } from '@shared/release/content';
import { countBody } from '@shared/release/text';
import type { ReleaseStatus } from '@shared/review/workflow';
import { amendChained, appendToChain } from './history-chain';
import { releaseSeq } from './release-seq';
import { parseStoredContent } from './stored-content';
import { writeTransaction } from './write-transaction';

/** Edits by one person within this long of the session's start belong to one revision. */
const editSessionMs = 5 * 60 * 1000;

export type RevisionKind = 'created' | 'edit' | 'state' | 'restore';

interface RevisionRow {
  id: number;
  kind: RevisionKind;
  actor_id: number;
  started_at: string;
}

export interface LastReadableRevision {
  id: number;
  recordedAt: string;
  actorName: string;
}

export interface Snapshot {
  releaseId: string;
  version: number;
  status: ReleaseStatus;
  content: ReleaseContent;
  actorId: number;
  at: string;
}

/** Every version of a release worth going back to; nothing in it is ever deleted. */
export class RevisionLog {
  constructor(private readonly db: Database) {}

  record(kind: RevisionKind, snapshot: Snapshot, note = ''): void {
    writeTransaction(this.db, () =>
      appendToChain(this.db, 'revisions', {
        release_seq: releaseSeq(this.db, snapshot.releaseId),
        version: snapshot.version,
        kind,
        status: snapshot.status,
        content: JSON.stringify(snapshot.content),
        word_count: wordCount(snapshot.content),
        actor_id: snapshot.actorId,
        started_at: snapshot.at,
        recorded_at: snapshot.at,
        note,
      }),
    );
  }

  /**
   * Records an edit. A person's edits within five minutes of the start of their
   * session update that session's revision; otherwise a new session begins.
   * Returns whether a new session began (the audit trail notes each one).
   */
  recordEdit(snapshot: Snapshot): boolean {
    return writeTransaction(this.db, () => {
      const last = this.db
        .prepare(`SELECT id, kind, actor_id, started_at FROM revisions WHERE release_seq = ? ORDER BY id DESC LIMIT 1`)
        .get(releaseSeq(this.db, snapshot.releaseId)) as RevisionRow | undefined;
      const sameSession =
        last?.kind === 'edit' &&
        last.actor_id === snapshot.actorId &&
        Date.parse(snapshot.at) - Date.parse(last.started_at) < editSessionMs;
      if (!sameSession) {
        this.record('edit', snapshot);
        return true;
      }
      // The session's revision follows its edits; each update is itself recorded in the history's chain.
      amendChained(
        this.db,
        'revisions',
        last.id,
        {
          version: snapshot.version,
          status: snapshot.status,
          content: JSON.stringify(snapshot.content),
          word_count: wordCount(snapshot.content),
          recorded_at: snapshot.at,
        },
        snapshot.at,
      );
      return false;
    });
  }

  list(releaseId: string): RevisionSummary[] {
    return this.db
      .prepare(
        `SELECT v.id, v.version, v.kind, v.status, v.word_count AS wordCount, p.name AS actorName, v.started_at AS startedAt, v.recorded_at AS recordedAt, v.note
         FROM revisions v JOIN people p ON p.id = v.actor_id WHERE v.release_seq = ? ORDER BY v.id DESC`,
      )
      .all(releaseSeq(this.db, releaseId)) as RevisionSummary[];
  }

  /** A revision that still reads as a release; a damaged one is as good as gone. */
  get(releaseId: string, revisionId: number): { content: ReleaseContent; recordedAt: string } | null {
    const row = this.db
      .prepare(`SELECT content, recorded_at AS recordedAt FROM revisions WHERE release_seq = ? AND id = ?`)
      .get(releaseSeq(this.db, releaseId), revisionId) as { content: string; recordedAt: string } | undefined;
    const content = row ? parseStoredContent(row.content) : null;
    return row && content ? { content, recordedAt: row.recordedAt } : null;
  }

  /** The newest revision whose JSON still reads, offered when the release's own copy is damaged. */
  lastReadable(releaseId: string): LastReadableRevision | null {
    const rows = this.db
      .prepare(
        `SELECT v.id, v.content, v.recorded_at AS recordedAt, p.name AS actorName
         FROM revisions v JOIN people p ON p.id = v.actor_id WHERE v.release_seq = ? ORDER BY v.id DESC`,
      )
      .iterate(releaseSeq(this.db, releaseId)) as Iterable<{ id: number; content: string; recordedAt: string; actorName: string }>;
    for (const { content, ...revision } of rows) if (parseStoredContent(content)) return revision;
    return null;
  }
}

const wordCount = (content: ReleaseContent) => countBody(content.body).words;
