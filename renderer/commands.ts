import type { MenuCommand } from '@shared/api/bridge';

/**
 * One place where a command runs, whether it came from the native menu or a
 * key press in browser mode; the views that can act on it register here.
 */
const handlers = new Map<MenuCommand, () => void>();

export function registerCommand(command: MenuCommand, handler: () => void): () => void {
  handlers.set(command, handler);
  return () => {
    if (handlers.get(command) === handler) handlers.delete(command);
  };
}

export function runCommand(command: MenuCommand): void {
  handlers.get(command)?.();
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
