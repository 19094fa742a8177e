import { useEffect, useRef, useState } from 'react';

/** A release by id, or 'new': a release that exists only once its first words are saved. */
export type Route = { view: (typeof listViews)[number] } | { view: 'release'; id: string };

export const newReleaseId = 'new';

const listViews = ['releases', 'trash', 'review', 'activity', 'settings', 'backups', 'team'] as const;

/** The view lives in the address's hash, so a reload returns to the same release. */
export function parseRoute(hash: string): Route {
  const release = /^#\/release\/([0-9a-f-]{36}|new)$/.exec(hash);
  if (release) return { view: 'release', id: release[1]! };
  const view = listViews.find((name) => hash === `#/${name}`);
  return { view: view ?? 'releases' };
}

export const routeHash = (route: Route) => (route.view === 'release' ? `#/release/${route.id}` : `#/${route.view}`);

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

const quietRouteChange = 'dateline:route-replaced';

/** Which history entry the view on screen belongs to; see numberEntry. */
let shownEntry = 0;
/** A new release that got its id while the person was on another entry (Back during its first save): its entry takes the id on return. */
let renamedNewRelease: { entry: number; id: string } | null = null;

/** The same view under a new address (a new release got its id): no guard asks, nothing is rebuilt. */
export function replaceRoute(route: Route): void {
  if (route.view === 'release' && window.location.hash !== routeHash({ view: 'release', id: newReleaseId })) {
    renamedNewRelease = { entry: shownEntry, id: route.id };
    return;
  }
  history.replaceState(history.state, '', routeHash(route));
  window.dispatchEvent(new Event(quietRouteChange));
}

/**
 * Each history entry is numbered in its state, so a Back or Forward the person
 * then takes back (they chose to stay) returns to the very entry they were on,
 * instead of overwriting the one they had moved to.
 */
const entryIndex = (): number | undefined => (history.state as { datelineEntry?: number } | null)?.datelineEntry;
const numberEntry = (index: number) => history.replaceState({ ...(history.state as object | null), datelineEntry: index }, '');

/** Back on a new release's entry after it got its id elsewhere: the entry's address becomes the id. */
function adoptRenamedRelease(arrivedAt: number | undefined): boolean {
  const newRelease = routeHash({ view: 'release', id: newReleaseId });
  if (!renamedNewRelease || arrivedAt !== renamedNewRelease.entry || window.location.hash !== newRelease) return false;
  history.replaceState(history.state, '', routeHash({ view: 'release', id: renamedNewRelease.id }));
  renamedNewRelease = null;
  return true;
}

type LeaveGuard = () => Promise<boolean>;
let leaveGuard: LeaveGuard | null = null;

/**
 * The open release asks before the person leaves it with words that are not
 * saved. One guard at a time: only one release is open in a window.
 */
export function guardLeaving(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

/** True when nothing would be lost by leaving the current view (or the person chose to leave anyway). */
export const mayLeave = (): Promise<boolean> => leaveGuard?.() ?? Promise.resolve(true);

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  const current = useRef(route);
  useEffect(() => {
    shownEntry = entryIndex() ?? 0;
    numberEntry(shownEntry);
    const show = (next: Route) => {
      current.current = next;
      setRoute(next);
    };
    // A link, Back or Forward has already changed the address; if the person stays, they are taken back to their entry.
    const onHashChange = async () => {
      const arrivedAt = entryIndex();
      // A new entry ends every forward one, the new release's among them.
      if (arrivedAt === undefined) renamedNewRelease = null;
      const renamed = adoptRenamedRelease(arrivedAt);
      const next = parseRoute(window.location.hash);
      if (renamed || routeHash(next) === routeHash(current.current)) {
        shownEntry = arrivedAt ?? shownEntry;
        if (renamed) show(next);
        return;
      }
      if (await mayLeave()) {
        shownEntry = arrivedAt ?? shownEntry + 1;
        if (arrivedAt === undefined) numberEntry(shownEntry);
        show(next);
      } else if (arrivedAt !== undefined && arrivedAt !== shownEntry) {
        history.go(shownEntry - arrivedAt);
      } else {
        // A link made a new entry: it becomes the view the person stayed on (by its id, if it got one meanwhile).
        const stayedOn = renamedNewRelease?.entry === shownEntry ? { view: 'release' as const, id: renamedNewRelease.id } : current.current;
        renamedNewRelease = null;
        history.replaceState(history.state, '', routeHash(stayedOn));
        if (stayedOn !== current.current) show(stayedOn);
        shownEntry += 1;
        numberEntry(shownEntry);
      }
    };
    const onReplaced = () => show(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener(quietRouteChange, onReplaced);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener(quietRouteChange, onReplaced);
    };
  }, []);
  return route;
}
