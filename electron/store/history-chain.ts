import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { HistoryBreak, HistoryCheck } from '@shared/api/activity';
import { writeTransaction } from './write-transaction';

/**
 * The history's tables, each chained by SHA-256: a row carries the hash of the
 * row before it in its table (prev_hash) and its own hash over its columns and
 * that previous hash (row_hash). One chain per table, not one across them: each
 * table's ids are handed out in the order its rows are written, under the write
 * lock, so that order needs no extra column, and a break is reported as a row of
 * a table a person can look up. The order of rows across tables is not chained.
 *
 * Two kinds of row are legitimately changed after they are written: an approval
 * is set aside (stale_at), and the revision of an editing session is updated by
 * every save in that session. Such a change is recorded as an amendment, a row of
 * its own chain (history_amendments) carrying the hash of the changed row as it
 * now is; the changed row is then checked against its newest amendment.
 *
 * history_heads keeps each chain's newest id and hash, so deleting the newest
 * rows, which leaves no broken link behind, is found too. The heads are in the
 * same file: whoever rewrites them along with the rows (or recomputes a chain)
 * is not found. This is tamper-evidence against edits by SQL, not a seal.
 *
 * The columns listed here, their order and the encoding in chainHash are part of
 * the stored format: changing them needs a migration that rechains every row.
 */
export const chainColumns = {
  audit: ['id', 'release_seq', 'actor_id', 'action', 'details', 'at'],
  approvals: ['id', 'release_seq', 'approver_id', 'content_hash', 'approved_at', 'stale_at'],
  revisions: ['id', 'release_seq', 'version', 'kind', 'status', 'content', 'word_count', 'actor_id', 'started_at', 'recorded_at', 'note'],
  history_amendments: ['id', 'target', 'target_id', 'digest', 'at'],
} as const;

export type Chain = keyof typeof chainColumns;
type AmendableChain = 'approvals' | 'revisions';
type SqlValue = string | number | null;
type ChainRow<C extends Chain> = Record<(typeof chainColumns)[C][number], SqlValue>;

/** The previous hash of a chain's first row. */
export const chainGenesis = '0'.repeat(64);

/** SHA-256 over the table's name, the previous hash and the values in column order; JSON keeps text and numbers apart. */
export function chainHash(chain: Chain, prevHash: string, values: readonly SqlValue[]): string {
  return createHash('sha256')
    .update(JSON.stringify([chain, prevHash, values]))
    .digest('hex');
}

const valuesOf = <C extends Chain>(chain: C, row: ChainRow<C>): SqlValue[] =>
  chainColumns[chain].map((column) => row[column as keyof ChainRow<C>]);

interface Head {
  last_id: number;
  last_hash: string;
}

const readHead = (db: Database, chain: Chain) =>
  db.prepare(`SELECT last_id, last_hash FROM history_heads WHERE chain = ?`).get(chain) as Head | undefined;

/**
 * Writes one row at the end of its table's chain and returns its id: the only
 * way a row gets into audit, approvals, revisions or history_amendments.
 */
export function appendToChain<C extends Chain>(db: Database, chain: C, row: Omit<ChainRow<C>, 'id'>): number {
  return writeTransaction(db, () => {
    const head = readHead(db, chain) ?? { last_id: 0, last_hash: chainGenesis };
    // Past any row written outside Dateline too, so such a row cannot stop Dateline writing; the check reports it.
    const maxId = (db.prepare(`SELECT max(id) FROM ${chain}`).pluck().get() as number | null) ?? 0;
    const id = Math.max(maxId, head.last_id) + 1;
    const full = { ...row, id } as ChainRow<C>;
    const rowHash = chainHash(chain, head.last_hash, valuesOf(chain, full));
    const columns = chainColumns[chain];
    db.prepare(
      `INSERT INTO ${chain} (${columns.join(', ')}, prev_hash, row_hash) VALUES (${columns.map((column) => `@${column}`).join(', ')}, @prev_hash, @row_hash)`,
    ).run({ ...full, prev_hash: head.last_hash, row_hash: rowHash });
    db.prepare(
      `INSERT INTO history_heads (chain, last_id, last_hash) VALUES (@chain, @id, @rowHash)
       ON CONFLICT (chain) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash`,
    ).run({ chain, id, rowHash });
    return id;
  });
}

/** Recorded in place of a row's hash when the row no longer matched its own before Dateline changed it. */
const unmatchedDigest = 'f'.repeat(64);

/**
 * Changes columns of a row already in a chain, and records the row as it now
 * is in an amendment: the only way such a row changes after it was written.
 * An amendment never vouches for a change it did not make: if the row was
 * already changed outside Dateline, it records a digest no row can match, so
 * that change stays evident after the session's next save.
 */
export function amendChained<C extends AmendableChain>(
  db: Database,
  chain: C,
  id: number,
  changes: Partial<Omit<ChainRow<C>, 'id'>>,
  at: string,
): void {
  writeTransaction(db, () => {
    const columns = chainColumns[chain];
    const current = db.prepare(`SELECT ${columns.join(', ')}, prev_hash, row_hash FROM ${chain} WHERE id = ?`).get(id) as ChainRow<C> & {
      prev_hash: string;
      row_hash: string;
    };
    const witness =
      (db
        .prepare(`SELECT digest FROM history_amendments WHERE target = ? AND target_id = ? ORDER BY id DESC LIMIT 1`)
        .pluck()
        .get(chain, id) as string | undefined) ?? current.row_hash;
    const untouched = chainHash(chain, current.prev_hash, valuesOf(chain, current)) === witness;
    const changed = Object.keys(changes);
    db.prepare(`UPDATE ${chain} SET ${changed.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id`).run({
      ...changes,
      id,
    });
    const digest = untouched ? chainHash(chain, current.prev_hash, valuesOf(chain, { ...current, ...changes })) : unmatchedDigest;
    appendToChain(db, 'history_amendments', { target: chain, target_id: id, digest, at });
  });
}

export const chainLabels: Record<Chain, { one: string; many: string }> = {
  audit: { one: 'audit entry', many: 'audit entries' },
  approvals: { one: 'approval', many: 'approvals' },
  revisions: { one: 'revision', many: 'revisions' },
  history_amendments: { one: 'recorded change', many: 'recorded changes' },
};

/** More than this many breaks say nothing more to a person; the first ones say where to look. */
const maxBreaks = 50;

const span = (chain: Chain, from: number, to: number) =>
  from === to ? `${chainLabels[chain].one} ${from}` : `${chainLabels[chain].many} ${from}–${to}`;

/**
 * Walks every chain and says whether the history is as Dateline wrote it, or
 * where it is not: a row whose columns no longer match its hash (changed), a
 * link to a row that is gone (deleted), a link to a row written later (out of
 * order), a row without a hash (added outside Dateline), and a chain that ends
 * before its head says (its newest rows deleted). Reading is in id order and
 * hashes every row once; nothing but the newest amendment of each amended row
 * is held in memory while the chains are intact.
 */
export function verifyHistory(db: Database): HistoryCheck {
  const breaks: HistoryBreak[] = [];
  const report = (chain: Chain, rowId: number | null, problem: HistoryBreak['problem'], message: string) => {
    if (breaks.length < maxBreaks) breaks.push({ table: chain, rowId, problem, message });
  };
  // Amendments first: the newest one for a row is what that row must hash to now.
  const amended = new Map<string, string>();
  walk(db, 'history_amendments', amended, report, (row) => amended.set(`${row.target}:${row.target_id}`, row.digest as string));
  const counts = {
    audit: walk(db, 'audit', amended, report),
    approvals: walk(db, 'approvals', amended, report),
    revisions: walk(db, 'revisions', amended, report),
  };
  return breaks.length === 0 ? { intact: true, counts } : { intact: false, counts, breaks };
}

type Report = (chain: Chain, rowId: number | null, problem: HistoryBreak['problem'], message: string) => void;

/** Checks one chain and its head; returns how many rows it holds. */
function walk<C extends Chain>(
  db: Database,
  chain: C,
  amended: Map<string, string>,
  report: Report,
  each?: (row: ChainRow<C>) => void,
): number {
  const label = chainLabels[chain];
  // Which row a broken link points at is looked up only once a link breaks: an intact chain never needs it.
  let idOfHash: Map<string, number> | undefined;
  const idOf = (hash: string) => {
    idOfHash ??= new Map(db.prepare(`SELECT row_hash, id FROM ${chain} WHERE row_hash IS NOT NULL`).raw().all() as [string, number][]);
    return idOfHash.get(hash);
  };

  let previous: { id: number; hash: string } = { id: 0, hash: chainGenesis };
  let count = 0;
  let outOfOrder = false;
  const rows = db.prepare(`SELECT ${chainColumns[chain].join(', ')}, prev_hash, row_hash FROM ${chain} ORDER BY id`).iterate() as Iterable<
    ChainRow<C> & { id: number; prev_hash: string | null; row_hash: string | null }
  >;
  for (const row of rows) {
    count++;
    if (row.prev_hash === null || row.row_hash === null) {
      report(chain, row.id, 'added', `${label.one} ${row.id} was added outside Dateline`);
      continue;
    }
    each?.(row);
    let checkColumns = true;
    if (row.prev_hash !== previous.hash) {
      const predecessor = idOf(row.prev_hash);
      if (predecessor === undefined) {
        report(
          chain,
          row.id,
          'deleted',
          row.id - previous.id > 1
            ? `${span(chain, previous.id + 1, row.id - 1)} ${row.id - previous.id > 2 ? 'were' : 'was'} deleted`
            : previous.id === 0
              ? `the ${label.many} before ${label.one} ${row.id} were deleted`
              : `${label.one} ${row.id} no longer follows ${label.one} ${previous.id}: that one was rewritten, or one between them deleted`,
        );
      } else {
        // A moved row changed its id, which its hash covers: that is the same tampering, said once.
        checkColumns = false;
        if (predecessor > row.id) {
          outOfOrder = true;
          report(chain, row.id, 'out-of-order', `${label.one} ${row.id} is out of order: it was written after ${label.one} ${predecessor}`);
        } else if (!outOfOrder) {
          // After a row moved back, the rows it passed point back past their neighbours; only the move is reported.
          report(
            chain,
            previous.id,
            'out-of-order',
            `${label.one} ${previous.id} was inserted out of order, before ${label.one} ${row.id}`,
          );
        }
      }
    }
    if (checkColumns) {
      const expected = amended.get(`${chain}:${row.id}`) ?? row.row_hash;
      if (chainHash(chain, row.prev_hash, valuesOf(chain, row)) !== expected)
        report(chain, row.id, 'changed', `${label.one} ${row.id} was changed`);
    }
    previous = { id: row.id, hash: row.row_hash };
  }

  const head = readHead(db, chain);
  if (!head) {
    if (count > 0) report(chain, null, 'deleted', `the record of where the ${label.many} end is missing`);
  } else if (head.last_id !== previous.id || head.last_hash !== previous.hash) {
    report(
      chain,
      head.last_id,
      'deleted',
      head.last_id > previous.id
        ? `${span(chain, previous.id + 1, head.last_id)} (the newest) ${head.last_id > previous.id + 1 ? 'were' : 'was'} deleted`
        : `the newest ${label.one} (${previous.id}) is not the one Dateline wrote last`,
    );
  }
  return count;
}
