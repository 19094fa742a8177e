import { mayLeave } from '../route';
import type { ReleaseSaver } from './autosave';

/** Every release open for editing; the window's close and the page's hide flush them all. */
export const openAutosavers = new Set<ReleaseSaver>();

export const flushOpenReleases = () => Promise.all([...openAutosavers].map((autosaver) => autosaver.flush())).then(() => undefined);

/**
 * The desktop window is closing (or the app quitting): write everything, and
 * if something could not be written, ask the person as leaving the release would.
 */
export async function closeRequested(asking: () => void): Promise<boolean> {
  await flushOpenReleases();
  if (![...openAutosavers].some((autosaver) => autosaver.hasUnsavedChanges)) return true;
  asking();
  return mayLeave();
}
