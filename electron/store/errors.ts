import { ApiFailure, type ApiError } from '@shared/api/result';
import { log } from '../log/log';

/** SQLite failures a person can act on, in words they can act on. */
const storageMessages: Record<string, string> = {
  SQLITE_FULL: 'The disk is full, so the change was not saved. Free some space, then try again; nothing already saved was lost.',
  SQLITE_READONLY: 'The database file is read-only, so the change was not saved. Check the permissions of the data folder.',
  SQLITE_BUSY: 'The database is busy in another Dateline window. Try again in a moment.',
  SQLITE_IOERR: 'The disk reported an error while saving, so the change was not saved. Try again; if it persists, check the disk.',
  SQLITE_CORRUPT: 'The database file is damaged. Restore it from a backup; Dateline did not write to it.',
  SQLITE_NOTADB: 'The file is not a Dateline database, or it is damaged. Dateline did not write to it.',
  SQLITE_CANTOPEN: 'The database file could not be opened. Check that the data folder exists and is writable.',
};

/**
 * What may clear without anyone acting on the file: another writer finishing,
 * space freed, a disk hiccup. A damaged or read-only file will not.
 */
const passingStorageFailures = new Set(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_IOERR']);

/** Any error thrown by a handler or the store, as a typed error for the caller. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiFailure) return error.error;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') {
    const family = Object.keys(storageMessages).find((prefix) => code === prefix || code.startsWith(`${prefix}_`));
    if (family)
      return { kind: 'storage', message: storageMessages[family]!, ...(passingStorageFailures.has(family) ? { passing: true } : {}) };
  }
  log.error('Unexpected error', error);
  // Named by its path, not a menu: browser mode and the command line have no Help menu.
  const logFile = log.file();
  const details = logFile
    ? `The details are in Dateline's log file, ${logFile}`
    : 'The details were printed in the terminal window Dateline was started from';
  return { kind: 'internal', message: `Something went wrong inside Dateline; nothing was changed. ${details}.` };
}

/** Why the store could not be opened, for a dialog or a terminal. */
export function describeOpenFailure(error: unknown): string {
  const isSqliteError = String((error as { code?: unknown })?.code).startsWith('SQLITE');
  return isSqliteError || !(error instanceof Error) ? toApiError(error).message : error.message;
}
