import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** Where and how big the window was, to open it there again. */
const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const defaultWindowSize = { width: 1320, height: 900 };

/** Enough of the window's top edge to grab it with the mouse must be on a screen. */
function isReachable(state: WindowState, workAreas: Area[]): boolean {
  const grab = { x: state.x + 40, y: state.y + 10, width: Math.max(state.width - 80, 1) };
  return workAreas.some(
    (area) => grab.y >= area.y && grab.y < area.y + area.height && grab.x < area.x + area.width && grab.x + grab.width > area.x,
  );
}

/**
 * The window's last place, if it is still on one of today's screens (a laptop
 * unplugged from its second monitor must not open the window off-screen);
 * otherwise null, and the window opens centred at its default size.
 */
export function loadWindowState(file: string, workAreas: Area[]): WindowState | null {
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const parsed = windowStateSchema.safeParse(stored);
  if (!parsed.success || !isReachable(parsed.data, workAreas)) return null;
  return parsed.data;
}

/** Best effort: a window that cannot remember its place still works. */
export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // The next start opens the window at its default place.
  }
}
