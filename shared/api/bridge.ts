import type { ApiClient } from './contract';

/** Commands the native application menu sends to the renderer. */
export const menuCommands = ['new-release', 'find', 'undo', 'redo'] as const;
export type MenuCommand = (typeof menuCommands)[number];

export const ipcChannels = {
  api: 'dateline:api',
  menuCommand: 'dateline:menu-command',
  /** Main asks the renderer to write unsaved work before the window closes. */
  flushRequest: 'dateline:flush-request',
  flushed: 'dateline:flushed',
} as const;

/** What the Electron preload puts on window.dateline; browser mode has none. */
export interface DesktopBridge {
  api: ApiClient;
  onMenuCommand(listener: (command: MenuCommand) => void): void;
  onFlushRequest(listener: () => Promise<void>): void;
}
