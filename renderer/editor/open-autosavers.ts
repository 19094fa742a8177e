import type { Autosaver } from './autosave';

/** Every release open for editing; the window's close and the page's hide flush them all. */
export const openAutosavers = new Set<Autosaver>();

export const flushOpenReleases = () => Promise.all([...openAutosavers].map((autosaver) => autosaver.flush())).then(() => undefined);
