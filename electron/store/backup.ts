import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { failWith } from '@shared/api/result';
import { nameFinishedFile } from '../export/write-file-safely';
import { openSqlite } from './sqlite';

/**
 * A consistent copy of the whole database at `target`, never over an existing
 * file, verified before it gets its name. VACUUM INTO reads one snapshot in one
 * read transaction, so saves going on meanwhile neither stop it nor restart it
 * (SQLite's page-by-page backup starts again at every commit, and under steady
 * saving never finished). Whatever goes wrong, no partial file is left behind.
 */
export function backupDatabase(db: Database.Database, target: string): Promise<void> {
  return writeVerifiedCopy(target, (partial) => {
    db.prepare('VACUUM INTO ?').run(partial);
  });
}

/**
 * SQLite's online backup in steps, so the process keeps answering while a large
 * database is copied. Writes through `db` itself go into the copy as they
 * happen; a commit by another process restarts it, so after a few restarts the
 * rest is copied in one step, as VACUUM INTO would.
 */
export async function backupDatabaseInSteps(db: Database.Database, target: string): Promise<void> {
  const pagesPerStep = 2_000; // 8 MB at SQLite's default page size: a few milliseconds a step.
  const restartsBeforeOneStep = 3;
  await writeVerifiedCopy(target, async (partial) => {
    let remainingBefore = Infinity;
    let restarts = 0;
    await db.backup(partial, {
      progress: ({ remainingPages }) => {
        if (remainingPages > remainingBefore) restarts++;
        remainingBefore = remainingPages;
        return restarts >= restartsBeforeOneStep ? 0x7fffffff : pagesPerStep;
      },
    });
  });
}

/** Runs `copy` into a temporary file beside `target`, checks it, and only then names it; no partial file is ever left. */
async function writeVerifiedCopy(target: string, copy: (partial: string) => void | Promise<void>): Promise<void> {
  if (existsSync(target)) failWith('refused', `${target} already exists; it was not replaced.`);
  const partial = join(dirname(target), `.${basename(target)}.partial`);
  rmSync(partial, { force: true });
  try {
    await copy(partial);
    const problems = settleCopy(partial);
    if (problems) failWith('storage', `The backup could not be verified (${problems}); no backup was written.`);
    nameFinishedFile(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Makes the copy one self-contained file (a WAL-mode copy would grow a -wal
 * beside it when opened, which restore rightly refuses) and runs
 * integrity_check over it. Returns null when it is sound.
 */
function settleCopy(file: string): string | null {
  const copy = openSqlite(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const problems = (copy.pragma('integrity_check(5)') as { integrity_check: string }[]).map((row) => row.integrity_check);
    return problems.length === 1 && problems[0] === 'ok' ? null : problems.join('; ');
  } finally {
    copy.close();
  }
}
