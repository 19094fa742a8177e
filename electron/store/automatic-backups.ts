import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Backup } from '@shared/api/store-care';
import { log } from '../log/log';
import { backupDatabaseInSteps } from './backup';

const hour = 3_600_000;
const day = 24 * hour;
/** A backup at start unless one is younger than this, so restarting all day does not fill the disk. */
const startBackupAfterMs = hour;
const periodicBackupMs = 4 * hour;
const keepNewest = 10;
const keepDailyForDays = 30;

const backupName = /^dateline-(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d)-(\d{3})Z\.sqlite3$/;

/** The backups live beside the database, in their own folder. */
export const backupFolderFor = (databaseFile: string): string => join(dirname(databaseFile), 'backups');

/** dateline-2026-12-06T14-00-00-000Z.sqlite3: sorts by time, and holds no colon, which Windows refuses in a name. */
const nameFor = (at: Date) => `dateline-${at.toISOString().replace(/[:.]/g, '-')}.sqlite3`;

/** The verified backups in the folder, newest first; a half-written copy never has a backup's name. */
export function listBackups(folder: string): Backup[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const match = backupName.exec(name);
      if (!match) return [];
      // Another Dateline on the same folder may have thinned it out since the listing.
      const bytes = statSync(join(folder, name), { throwIfNoEntry: false })?.size;
      return bytes === undefined ? [] : [{ name, takenAt: `${match[1]}:${match[2]}:${match[3]}.${match[4]}Z`, bytes }];
    })
    .sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

/** The newest ten, and the newest of each day for thirty days. */
export function backupsToKeep(backups: Backup[], now: Date): Set<string> {
  const keep = new Set(backups.slice(0, keepNewest).map((backup) => backup.name));
  const daysSeen = new Set<string>();
  for (const backup of backups) {
    if (now.getTime() - Date.parse(backup.takenAt) > keepDailyForDays * day) continue;
    const date = backup.takenAt.slice(0, 10);
    if (daysSeen.has(date)) continue;
    daysSeen.add(date);
    keep.add(backup.name);
  }
  return keep;
}

/**
 * Backs the database up by itself: at start (unless one was taken within the
 * hour) and every few hours while it runs, each copy verified before it counts,
 * older ones thinned out. The database comes from `currentDatabase`, which has
 * none while a damaged file waits for recovery.
 */
export class AutomaticBackups {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<Backup> | null = null;
  /** Why the last automatic backup failed, until one succeeds; Settings shows it. */
  lastFailure: string | null = null;

  constructor(
    readonly folder: string,
    private readonly currentDatabase: () => Database.Database | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    clearInterval(this.timer);
    this.removeLeftovers();
    const newest = listBackups(this.folder)[0];
    if (!newest || this.now().getTime() - Date.parse(newest.takenAt) >= startBackupAfterMs) void this.runQuietly();
    this.timer = setInterval(() => void this.runQuietly(), periodicBackupMs);
    // A pending backup never keeps the process alive on its own.
    this.timer.unref();
  }

  stop(): Promise<unknown> {
    clearInterval(this.timer);
    return this.running ?? Promise.resolve();
  }

  /** One backup now (one at a time: a second call waits for the first and shares its result). */
  backUpNow(): Promise<Backup> {
    this.running ??= this.takeOne().finally(() => (this.running = null));
    return this.running;
  }

  private async takeOne(): Promise<Backup> {
    const db = this.currentDatabase();
    if (!db) throw new Error('There is no database to back up until the damaged one is replaced.');
    mkdirSync(this.folder, { recursive: true });
    const name = nameFor(this.now());
    // Asked twice within a millisecond: that moment's backup is already there.
    const already = listBackups(this.folder).find((backup) => backup.name === name);
    if (already) return already;
    await backupDatabaseInSteps(db, join(this.folder, name));
    this.prune();
    const taken = listBackups(this.folder).find((backup) => backup.name === name);
    if (!taken) throw new Error(`The backup ${name} was written but is not in ${this.folder} any more.`);
    return taken;
  }

  private async runQuietly(): Promise<void> {
    try {
      const taken = await this.backUpNow();
      this.lastFailure = null;
      log.info(`Automatic backup ${taken.name} (${taken.bytes} bytes) written and verified`);
    } catch (error) {
      this.lastFailure = (error as Error).message;
      log.error('Automatic backup failed', error);
    }
  }

  private prune(): void {
    const backups = listBackups(this.folder);
    const keep = backupsToKeep(backups, this.now());
    for (const backup of backups) if (!keep.has(backup.name)) rmSync(join(this.folder, backup.name), { force: true });
  }

  /** A copy cut short by a crash or a killed process is never a backup; it only takes space. */
  private removeLeftovers(): void {
    let names: string[];
    try {
      names = readdirSync(this.folder);
    } catch {
      return;
    }
    // An hour old at least: a younger one may be another Dateline's on the same folder, still being written.
    const stale = (name: string) =>
      this.now().getTime() - (statSync(join(this.folder, name), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) > hour;
    for (const name of names)
      if (name.startsWith('.dateline-') && name.endsWith('.partial') && stale(name)) rmSync(join(this.folder, name), { force: true });
  }
}
