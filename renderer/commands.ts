import type { MenuCommand } from '@shared/api/bridge';

/**
 * One place where a command runs, whether it came from the native menu or a
 * key press in browser mode; the views that can act on it register here.
 */
const handlers = new Map<MenuCommand, () => void>();
/**
 * Commands that arrived before the app's views started: a window the menu
 * opened (macOS, New Release with no window) gets its command while it is
 * still loading, and runs it once the view that handles it is there.
 */
const waiting = new Set<MenuCommand>();

export function registerCommand(command: MenuCommand, handler: () => void): () => void {
  handlers.set(command, handler);
  if (waiting.delete(command)) handler();
  return () => {
    if (handlers.get(command) === handler) handlers.delete(command);
  };
}

export function runCommand(command: MenuCommand): void {
  const handler = handlers.get(command);
  if (handler) handler();
  else if (handlers.size === 0) waiting.add(command);
}

const isMac = navigator.platform.startsWith('Mac');

/** Ctrl/Cmd+N and Ctrl/Cmd+F, which belong to the app rather than to a text field. */
export function commandForKey(event: KeyboardEvent): MenuCommand | null {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  if (!mod || event.altKey || event.shiftKey) return null;
  if (event.key.toLowerCase() === 'n') return 'new-release';
  if (event.key.toLowerCase() === 'f') return 'find';
  return null;
}
