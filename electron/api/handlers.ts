import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract';
import type { PeopleStore } from '../store/people-store';
import type { PhotoStore } from '../store/photo-store';
import type { ReleaseStore } from '../store/release-store';

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

export interface Stores {
  people: PeopleStore;
  photos: PhotoStore;
  releases: ReleaseStore;
}

/** The contract's methods, implemented once over the stores; both IPC and HTTP dispatch here. */
export function createHandlers({ people, photos, releases }: Stores): Handlers {
  return {
    getSession: () => ({ person: people.current() }),
    signIn: ({ name }) => people.signIn(name),
    listReleases: ({ view, query }) => releases.list(view, query),
    createRelease: ({ content }) => releases.create(people.requireCurrent().id, content),
    getRelease: ({ id }) => releases.get(id),
    saveRelease: ({ id, baseVersion, content }) => releases.save(id, baseVersion, content, people.requireCurrent().id),
    duplicateRelease: ({ id }) => releases.duplicate(id, people.requireCurrent().id),
    trashRelease: ({ id }) => (releases.trash(id), {}),
    restoreRelease: ({ id }) => (releases.restore(id), {}),
    addPhoto: ({ bytes }) => photos.add(bytes),
  };
}
