import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { latestSchemaVersion } from './migrations';
import { migrate } from './database';
import { openSqlite } from './sqlite';

/** Tables rebuilt from the releases' own JSON after a salvage rather than copied: the search index and the photo links. */
const derivedTables = /^(release_search.*|release_photos)$/;
/** Rows looked up one by one across a damaged stretch of a table, at most. */
const maxLookups = 100_000;

export interface SalvagedTable {
  table: string;
  copied: number;
  /** Whether a damaged stretch was skipped, so some rows may be missing. */
  damaged: boolean;
}

/**
 * Builds `targetFile` from every row that still reads in a damaged Dateline
 * file (SQLite's own `.recover` is not in the library better-sqlite3 ships).
 * The rows are copied into a fresh database at the damaged file's own schema
 * version, and only the clean copy is then brought up to date: migrating the
 * damaged file itself would have to read every row of the tables a migration
 * touches, and one bad page there would lose everything. It reads a throwaway
 * copy, so the damaged file set aside for the record stays exactly as found.
 */
export function salvageInto(damagedFile: string, targetFile: string): SalvagedTable[] {
  const scratch = `${damagedFile}.salvaging`;
  const companions = ['', '-wal'].filter((suffix) => existsSync(damagedFile + suffix));
  for (const suffix of companions) copyFileSync(damagedFile + suffix, scratch + suffix);
  fitHeaderToFile(scratch);
  let source: Database.Database | null = null;
  let target: Database.Database | null = null;
  try {
    source = openSqlite(scratch, { fileMustExist: true });
    const version = source.pragma('user_version', { simple: true }) as number;
    if (version < 1 || version > latestSchemaVersion) throw new Error(`its schema version (${version}) is not one this Dateline knows`);
    target = openSqlite(targetFile);
    target.pragma('journal_mode = WAL');
    migrate(target, 0, version);
    const salvaged = copyReadableRows(source, target);
    migrate(target, version);
    return salvaged;
  } finally {
    source?.close();
    target?.close();
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(scratch + suffix, { force: true });
  }
}

/**
 * A file cut short (a full disk during a copy, a pulled stick) still claims its
 * old length in its header, and SQLite then finds even its schema unreadable.
 * Told the length it has, it reads every page that is there.
 */
function fitHeaderToFile(file: string): void {
  const bytes = readFileSync(file);
  if (bytes.length < 100) return;
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65_536 : bytes.readUInt16BE(16);
  const pages = Math.floor(bytes.length / pageSize);
  if (pageSize < 512 || bytes.readUInt32BE(28) <= pages) return;
  bytes.writeUInt32BE(pages, 28);
  writeFileSync(file, bytes.subarray(0, pages * pageSize));
}

function copyReadableRows(source: Database.Database, target: Database.Database): SalvagedTable[] {
  const tables = target
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid`)
    .pluck()
    .all() as string[];
  // Rows arrive table by table and some may be gone; the links between them are checked by the store as it is used.
  target.pragma('foreign_keys = OFF');
  try {
    return target.transaction(() =>
      tables.filter((table) => !derivedTables.test(table)).map((table) => copyTable(source, target, table)),
    )();
  } finally {
    target.pragma('foreign_keys = ON');
  }
}

function copyTable(source: Database.Database, target: Database.Database, table: string): SalvagedTable {
  const columnsOf = (db: Database.Database) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);
  let sourceColumns: string[];
  try {
    sourceColumns = columnsOf(source);
  } catch {
    return { table, copied: 0, damaged: true };
  }
  const columns = columnsOf(target).filter((column) => sourceColumns.includes(column));
  const list = columns.map((column) => `"${column}"`).join(', ');
  const select = `SELECT _rowid_ AS salvage_rowid, ${list} FROM "${table}"`;
  // The damaged file's rows win over what a fresh database starts with (its settings, its history's chain heads).
  const write = target.prepare(`INSERT OR REPLACE INTO "${table}" (${list}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
  let copied = 0;
  const copy = ({ salvage_rowid: _rowid, ...values }: Row) => {
    if (write.run(values).changes > 0) copied++;
  };

  // As SQLite's own .dump does: forwards until the scan breaks, then backwards from the end until it breaks
  // again, then each row between looked up on its own, since a lookup takes another path through the tree.
  const lowest = scan(source.prepare(`${select} ORDER BY _rowid_`), copy);
  if (lowest.complete) return { table, copied, damaged: false };
  const highest = scan(source.prepare(`${select} WHERE _rowid_ > ? ORDER BY _rowid_ DESC`), copy, lowest.last ?? Number.MIN_SAFE_INTEGER);
  const from = (lowest.last ?? 0) + 1;
  const to = highest.last ?? from + maxLookups;
  const lookUp = source.prepare(`${select} WHERE _rowid_ = ?`);
  for (let rowid = from; rowid < to && rowid - from < maxLookups; rowid++) {
    try {
      const row = lookUp.get(rowid) as Row | undefined;
      if (row) copy(row);
    } catch {
      // This row is on a damaged page; the next may not be.
    }
  }
  return { table, copied, damaged: true };
}

type Row = Record<string, unknown> & { salvage_rowid: number };

/** Reads rows in the statement's order until it ends or breaks; `last` is the rowid of the last row read. */
function scan(statement: Database.Statement, copy: (row: Row) => void, ...parameters: unknown[]): { complete: boolean; last?: number } {
  let last: number | undefined;
  try {
    for (const row of statement.iterate(...parameters) as Iterable<Row>) {
      copy(row);
      last = row.salvage_rowid;
    }
    return { complete: true, last };
  } catch {
    return { complete: false, last };
  }
}
