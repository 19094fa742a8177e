import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { failWith } from '@shared/api/result';
import { nameFinishedFile } from '../export/write-file-safely';
import { identifyDatabaseFile } from './file-identity';
import { latestSchemaVersion } from './migrations';
import { openSqlite } from './sqlite';

const companions = ['', '-wal', '-shm'] as const;

/**
 * Puts a backup in place of the database. The backup is checked first; the
 * database must not be open anywhere (the check, as the last connection to
 * close, folds a crashed session's -wal into the file, as any open would); the
 * current file is set aside, never deleted, together with any -wal and -shm
 * still beside it, so a stale write-ahead log can never be applied to the
 * restored copy (copying a backup over the file by hand does exactly that, and
 * brings back edits made after the backup).
 * Returns where the previous file was set aside, if there was one.
 */
export function restoreDatabase(
  databaseFile: string,
  backupFile: string,
  {
    now = new Date(),
    setAsideLabel = 'before-restore',
    untouched = false,
  }: {
    now?: Date;
    setAsideLabel?: string;
    /** For a damaged file, which is kept exactly as found: no connection probes it (closing one folds its -wal in). */
    untouched?: boolean;
  } = {},
): string | null {
  checkBackup(backupFile);
  if (existsSync(databaseFile) && !untouched) refuseIfOpen(databaseFile);

  // The copy is made first: a full disk or a pulled USB stick then fails before anything is moved.
  const partial = join(dirname(databaseFile), `.${basename(databaseFile)}.restoring`);
  try {
    copyFileSync(backupFile, partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }

  const { setAside, moved } = setDatabaseAside(databaseFile, setAsideLabel, now);
  try {
    nameFinishedFile(partial, databaseFile);
  } catch (error) {
    // Never leave the folder without a database: the current one goes back where it was.
    for (const suffix of moved) renameSync(setAside + suffix, databaseFile + suffix);
    throw error;
  }
  return moved.includes('') ? setAside : null;
}

/**
 * Moves the database aside beside itself, with its -wal and -shm, under a name
 * that says why and when (dateline.sqlite3.damaged-2026-…); never deletes it.
 */
export function setDatabaseAside(databaseFile: string, label: string, now = new Date()): { setAside: string; moved: string[] } {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const setAside = join(dirname(databaseFile), `${basename(databaseFile)}.${label}-${stamp}`);
  const moved = companions.filter((suffix) => existsSync(databaseFile + suffix));
  for (const suffix of moved) renameSync(databaseFile + suffix, setAside + suffix);
  return { setAside, moved };
}

function checkBackup(backupFile: string): void {
  const identity = identifyDatabaseFile(backupFile);
  if (identity.kind === 'absent') return failWith('not-found', `There is no backup at ${backupFile}.`);
  if (identity.kind !== 'dateline') return failWith('refused', `${backupFile} is not a Dateline backup; nothing was restored.`);
  if (identity.userVersion > latestSchemaVersion)
    failWith('refused', `${backupFile} was made by a newer version of Dateline; update Dateline to restore it.`);
  // A backup is one file; a -wal beside it means it was opened since, and copying the file alone would lose that.
  if (existsSync(`${backupFile}-wal`))
    failWith('refused', `${backupFile} has a -wal file beside it, so it was opened as a database since it was made; nothing was restored.`);
  const backup = openSqlite(backupFile, { readonly: true, fileMustExist: true });
  try {
    const problems = (backup.pragma('integrity_check(5)') as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok')
      failWith('refused', `${backupFile} is damaged (${problems.join('; ')}); nothing was restored.`);
  } finally {
    backup.close();
  }
}

/**
 * Every connection to a database in WAL mode holds a shared lock on it for as
 * long as it is open; an exclusive lock is granted only when no Dateline
 * (window, browser mode, another command) has it open.
 */
function refuseIfOpen(databaseFile: string): void {
  const probe = openSqlite(databaseFile, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('ROLLBACK');
  } catch (error) {
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY'))
      failWith('refused', 'Dateline is using this database now. Quit Dateline (and browser mode) first, then restore.');
    // Anything else (a damaged file, which is why one restores) says nothing about who has it open: go on.
  } finally {
    probe.close();
  }
}
