import { useEffect, useState } from 'react';

export type Route = { view: 'releases' | 'trash' | 'review' | 'activity' | 'settings' } | { view: 'release'; id: string };

const listViews = ['releases', 'trash', 'review', 'activity', 'settings'] as const;

/** The view lives in the address's hash, so a reload returns to the same release. */
export function parseRoute(hash: string): Route {
  const release = /^#\/release\/([0-9a-f-]{36})$/.exec(hash);
  if (release) return { view: 'release', id: release[1]! };
  const view = listViews.find((name) => hash === `#/${name}`);
  return { view: view ?? 'releases' };
}

export const routeHash = (route: Route) => (route.view === 'release' ? `#/release/${route.id}` : `#/${route.view}`);

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
