import type { HistoryCheck } from '@shared/api/activity';
import { ExportService } from '../export/export-service';
import { log } from '../log/log';
import { AuditLog } from '../store/audit-log';
import { CommentStore } from '../store/comment-store';
import { verifyHistory } from '../store/history-chain';
import { openDatabase, type OpenOptions } from '../store/database';
import { PeopleStore } from '../store/people-store';
import { PhotoStore } from '../store/photo-store';
import { ReleaseLifecycle } from '../store/release-lifecycle';
import { ReleaseStore } from '../store/release-store';
import { RevisionLog } from '../store/revision-log';
import { noDesktop, type DesktopServices } from './desktop-services';
import { createHandlers, type Handlers, type Stores } from './handlers';

export interface Backend {
  handlers: Handlers;
  photos: PhotoStore;
  close(): void;
}

export function createStores(db: ReturnType<typeof openDatabase>): Stores {
  const audit = new AuditLog(db);
  const revisions = new RevisionLog(db);
  const photos = new PhotoStore(db);
  const comments = new CommentStore(db, audit);
  const lifecycle = new ReleaseLifecycle(db, comments, revisions, audit);
  const releases = new ReleaseStore(db, photos, lifecycle, audit, revisions);
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
    exports: new ExportService(db, releases, lifecycle, photos, audit),
    historyCheck: () => (historyAtOpen ??= verifyHistory(db)),
  };
}

/**
 * Everything behind the contract, over one database file; shared by Electron's
 * main process (which lends its desktop services), browser mode and tests.
 */
export function openBackend(file: string, options: OpenOptions = {}, desktop: DesktopServices = noDesktop): Backend {
  const db = openDatabase(file, options);
  const stores = createStores(db);
  const history = stores.historyCheck();
  if (!history.intact) log.warn(`The history was changed outside Dateline: ${history.breaks.map((found) => found.message).join('; ')}`);
  return { handlers: createHandlers(stores, desktop), photos: stores.photos, close: () => db.close() };
}
