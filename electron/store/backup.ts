import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { failWith } from '@shared/api/result';
import { nameFinishedFile } from '../export/write-file-safely';

/**
 * A consistent copy of the whole database at `target`, never over an existing
 * file, verified before it gets its name. VACUUM INTO reads one snapshot in one
 * read transaction, so saves going on meanwhile neither stop it nor restart it
 * (SQLite's page-by-page backup starts again at every commit, and under steady
 * saving never finished). Whatever goes wrong, no partial file is left behind.
 */
export function backupDatabase(db: Database.Database, target: string): void {
  if (existsSync(target)) failWith('refused', `${target} already exists; it was not replaced.`);
  const partial = join(dirname(target), `.${basename(target)}.partial`);
  rmSync(partial, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    const problems = verify(partial);
    if (problems) failWith('storage', `The backup could not be verified (${problems}); no backup was written.`);
    nameFinishedFile(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** integrity_check over the copy; null when it is sound. */
function verify(file: string): string | null {
  const copy = new Database(file, { readonly: true });
  try {
    const rows = copy.pragma('integrity_check(5)', { simple: false }) as { integrity_check: string }[];
    const problems = rows.map((row) => row.integrity_check);
    return problems.length === 1 && problems[0] === 'ok' ? null : problems.join('; ');
  } finally {
    copy.close();
  }
}
