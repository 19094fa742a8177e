import type { Database } from 'better-sqlite3';

/**
 * Runs `write` as one transaction that takes SQLite's write lock at BEGIN
 * (BEGIN IMMEDIATE). A transaction that starts by reading and then writes can
 * fail at once with "database is locked" when another process (the CLI, a
 * second window, browser mode) committed in between: SQLite cannot wait there,
 * so the busy timeout never applies. Taking the lock first makes every write
 * wait its turn instead. Called inside another transaction, it is a savepoint.
 */
export function writeTransaction<T>(db: Database, write: () => T): T {
  return db.transaction(write).immediate();
}
