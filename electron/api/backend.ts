import { openDatabase, type OpenOptions } from '../store/database';
import { PeopleStore } from '../store/people-store';
import { PhotoStore } from '../store/photo-store';
import { ReleaseStore } from '../store/release-store';
import { createHandlers, type Handlers } from './handlers';

export interface Backend {
  handlers: Handlers;
  photos: PhotoStore;
  close(): void;
}

/** Everything behind the contract, over one database file; shared by Electron's main process, browser mode and tests. */
export function openBackend(file: string, options: OpenOptions = {}): Backend {
  const db = openDatabase(file, options);
  const photos = new PhotoStore(db);
  const handlers = createHandlers({ people: new PeopleStore(db), photos, releases: new ReleaseStore(db, photos) });
  return { handlers, photos, close: () => db.close() };
}
