import { useEffect, useRef, useState } from 'react';

/** A release by id, or 'new': a release that exists only once its first words are saved. */
export type Route = { view: (typeof listViews)[number] } | { view: 'release'; id: string };

export const newReleaseId = 'new';

const listViews = ['releases', 'trash', 'review', 'activity', 'settings', 'backups'] as const;

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

/** The same view under a new address (a new release got its id): no guard asks, nothing is rebuilt. */
export function replaceRoute(route: Route): void {
  history.replaceState(history.state, '', routeHash(route));
  window.dispatchEvent(new Event(quietRouteChange));
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
    const show = (next: Route) => {
      current.current = next;
      setRoute(next);
    };
    // A link or the Back button has already changed the address; if the person stays, it is put back without a history entry.
    const onHashChange = async () => {
      const next = parseRoute(window.location.hash);
      if (routeHash(next) === routeHash(current.current)) return;
      if (await mayLeave()) show(next);
      else history.replaceState(history.state, '', routeHash(current.current));
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
