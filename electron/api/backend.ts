import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { methodNames } from '@shared/api/contract';
import type { HistoryCheck } from '@shared/api/activity';
import { failWith } from '@shared/api/result';
import { storeCareMethodNames, type RecoveryChoice, type StoreCareMethod } from '@shared/api/store-care';
import { ExportService } from '../export/export-service';
import { log } from '../log/log';
import { AuditLog } from '../store/audit-log';
import { AutomaticBackups, backupFolderFor, listBackups } from '../store/automatic-backups';
import { CommentStore } from '../store/comment-store';
import { DamagedDatabase, openDatabase, type OpenOptions } from '../store/database';
import { verifyHistory } from '../store/history-chain';
import { PeopleStore } from '../store/people-store';
import { PhotoStore, type StoredPhoto } from '../store/photo-store';
import { ReleaseLifecycle } from '../store/release-lifecycle';
import { ReleaseStore } from '../store/release-store';
import { restoreDatabase, setDatabaseAside } from '../store/restore';
import { ReleaseUpdateLog } from '../store/release-updates';
import { TeamRecords } from '../store/team-records';
import { RevisionLog } from '../store/revision-log';
import { salvageInto, type SalvagedTable } from '../store/salvage';
import { ReleaseDocuments } from '../team/release-documents';
import { signedApprovalRefusal } from '../team/signed-approval';
import { TeamLink } from '../team/team-link';
import { TeamSync, type SyncTiming } from '../team/team-sync';
import { TeamWorkflow } from '../team/team-workflow';
import { noDesktop, type DesktopServices } from './desktop-services';
import { createHandlers, type Handlers, type Stores, type StoreHandlers } from './handlers';

/** Beside the database: the team server's address, who is signed in, and the session's token as the keychain sealed it. */
export const teamSessionFileName = 'team-session.json';

export interface Backend {
  /** Every contract method; while the database is damaged, only the store's care answers. */
  readonly handlers: Handlers;
  photo(id: string): StoredPhoto | null;
  /** Closes the database once a backup under way has finished. */
  close(): Promise<void>;
}

export interface BackendOptions extends OpenOptions {
  /** The desktop app and browser mode back up by themselves; tests and the command line do not. */
  automaticBackups?: boolean;
  /** How soon the team sync tries again after losing the server, and how often it reads the team's list; tests shorten both. */
  syncTiming?: SyncTiming;
}

/** pinnedServerKey: the team server's approval key pinned at sign-in, which a team release's final export is checked with. */
export function createStores(db: ReturnType<typeof openDatabase>, pinnedServerKey: () => string | null = () => null): Stores {
  const audit = new AuditLog(db);
  const revisions = new RevisionLog(db);
  const photos = new PhotoStore(db);
  const comments = new CommentStore(db, audit);
  const lifecycle = new ReleaseLifecycle(db, comments, revisions, audit);
  const releases = new ReleaseStore(db, photos, lifecycle, audit, revisions);
  const updates = new ReleaseUpdateLog(db);
  const teamRecords = new TeamRecords(db);
  // Hashing the whole history is worth doing once per open, by whoever shows it; the command line has its own verify.
  let historyAtOpen: HistoryCheck | undefined;
  return {
    people: new PeopleStore(db),
    photos,
    releases,
    lifecycle,
    comments,
    revisions,
    audit,
    updates,
    documents: new ReleaseDocuments(updates, releases, lifecycle),
    teamRecords,
    exports: new ExportService(db, releases, lifecycle, photos, audit, (releaseId, content) =>
      signedApprovalRefusal(updates, teamRecords, pinnedServerKey(), releaseId, content),
    ),
    historyCheck: () => (historyAtOpen ??= verifyHistory(db)),
  };
}

type StoreState =
  | { kind: 'open'; db: Database.Database; stores: Stores; sync: TeamSync; handlers: StoreHandlers }
  | { kind: 'damaged'; damage: DamagedDatabase }
  | { kind: 'closed' };

/**
 * Everything behind the contract, over one database file; shared by Electron's
 * main process (which lends its desktop services), browser mode and tests.
 * A file that fails its check at open does not stop the app: it waits, untouched,
 * for the person to choose a backup, a salvage or a fresh start.
 */
export function openBackend(file: string, options: BackendOptions = {}, desktop: DesktopServices = noDesktop): Backend {
  const folder = backupFolderFor(file);
  // Outlives a restore or a recovery: the session belongs to the installation, not to one database file.
  const team = new TeamLink(join(dirname(file), teamSessionFileName), () => desktop.secretBox());
  let state: StoreState = { kind: 'closed' };

  const open = () => {
    try {
      const db = openDatabase(file, options);
      const stores = createStores(db, () => team.pinnedServerKey());
      const history = stores.historyCheck();
      if (!history.intact) log.warn(`The history was changed outside Dateline: ${history.breaks.map((found) => found.message).join('; ')}`);
      const sync = new TeamSync(team, stores, options.syncTiming);
      const workflow = new TeamWorkflow(team, sync, stores);
      state = { kind: 'open', db, stores, sync, handlers: createHandlers(stores, desktop, team, sync, workflow) };
      sync.ensureRunning();
    } catch (error) {
      if (!(error instanceof DamagedDatabase)) throw error;
      state = { kind: 'damaged', damage: error };
    }
  };
  const closeDatabase = () => {
    if (state.kind === 'open') {
      state.sync.stop();
      state.stores.documents.close();
      state.db.close();
    }
    state = { kind: 'closed' };
  };
  const openStore = () => {
    if (state.kind === 'open') return state;
    if (state.kind === 'damaged') return failWith('refused', `${state.damage.message} Choose what to do with it in Dateline first.`);
    return failWith('unavailable', 'Dateline’s database is closed.');
  };

  // A function, so TypeScript reads the state as it is when called, not as it was narrowed before open().
  const openedCleanly = () => state.kind === 'open';
  const automatic = new AutomaticBackups(folder, () => (state.kind === 'open' ? state.db : null));
  /** One restore at a time: a second, from another window, would set aside the database the first just put in place. */
  let restoring = false;

  /** The damaged file goes aside, whatever replaces it; then the replacement is opened and checked like any file. */
  function recover(choice: RecoveryChoice): { setAsideAs: string; report: string } {
    if (state.kind !== 'damaged') return failWith('refused', 'The database is not damaged; nothing was changed.');
    if (choice.choice === 'backup') {
      const backup = requireBackup(choice.name);
      const setAsideAs = restoreDatabase(file, join(folder, backup.name), { setAsideLabel: 'damaged', untouched: true }) ?? file;
      open();
      return { setAsideAs, report: `Restored the backup taken ${backup.takenAt}.` };
    }
    const { setAside } = setDatabaseAside(file, 'damaged');
    if (choice.choice === 'fresh') {
      open();
      return { setAsideAs: setAside, report: 'Started an empty database.' };
    }
    let salvaged: SalvagedTable[] | null = null;
    let failure = '';
    try {
      salvaged = salvageInto(setAside, file);
    } catch (error) {
      failure = (error as Error).message;
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
    open();
    const current = openStore();
    if (!salvaged)
      return { setAsideAs: setAside, report: `Nothing could be read from the damaged file (${failure}), so the database is empty.` };
    current.stores.releases.reindexAll();
    // Opened again, so everything read once at open (the history's check among it) sees the salvaged rows.
    closeDatabase();
    open();
    return { setAsideAs: setAside, report: describeSalvage(salvaged) };
  }

  function requireBackup(name: string) {
    return listBackups(folder).find((backup) => backup.name === name) ?? failWith('not-found', `There is no backup called ${name}.`);
  }

  const care: Pick<Handlers, StoreCareMethod> = {
    storeHealth: () =>
      state.kind === 'damaged' ? { state: 'damaged', file: state.damage.file, problem: state.damage.problem } : { state: 'ok' },
    listBackups: () => ({ folder, backups: listBackups(folder), lastFailure: automatic.lastFailure }),
    backUpNow: () => (openStore(), automatic.backUpNow()),
    restoreBackup: async ({ name }) => {
      openStore();
      const backup = requireBackup(name);
      if (restoring) return failWith('refused', 'A backup is being restored already; wait for it, then look again.');
      restoring = true;
      try {
        await automatic.stop();
        if (state.kind !== 'open') return failWith('unavailable', 'Dateline’s database closed while the restore waited.');
        // From here to the reopen nothing awaits, so no other call can reach the closed database.
        closeDatabase();
        try {
          return { setAsideAs: restoreDatabase(file, join(folder, backup.name)) };
        } finally {
          open();
          if (options.automaticBackups) automatic.start();
        }
      } finally {
        restoring = false;
      }
    },
    recoverStore: (choice) => {
      const recovered = recover(choice);
      if (options.automaticBackups) automatic.start();
      return recovered;
    },
  };

  const handlers = Object.fromEntries(
    methodNames.map((method) => [
      method,
      (storeCareMethodNames as string[]).includes(method)
        ? care[method as StoreCareMethod]
        : (input: unknown) => (openStore().handlers[method as keyof StoreHandlers] as (input: unknown) => unknown)(input),
    ]),
  ) as Handlers;

  open();
  if (options.automaticBackups && openedCleanly()) automatic.start();
  return {
    handlers,
    photo: (id) => (state.kind === 'open' ? state.stores.photos.get(id) : null),
    close: async () => {
      await automatic.stop();
      closeDatabase();
    },
  };
}

function describeSalvage(tables: SalvagedTable[]): string {
  const count = (table: string) => tables.find((entry) => entry.table === table)?.copied ?? 0;
  const damaged = tables.filter((entry) => entry.damaged).map((entry) => entry.table);
  const copied = `Recovered ${count('releases')} releases, ${count('photos')} photos, ${count('people')} people and ${count('audit')} activity entries.`;
  return damaged.length === 0
    ? `${copied} Every row read.`
    : `${copied} Some rows could not be read (in ${damaged.join(', ')}) and are missing; a backup may still have them.`;
}
