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
  saveAs: 'dateline:save-as',
  chooseFolder: 'dateline:choose-folder',
  writeInto: 'dateline:write-into',
} as const;

/** Files on the desktop: native dialogs, and writes that are whole or nothing and never replace a file unasked. */
export interface DesktopFiles {
  /** Asks where to save (the dialog confirms any overwrite), then writes. The path, or null when cancelled. */
  saveAs(suggestedName: string, bytes: Uint8Array): Promise<string | null>;
  /** Asks for a folder to export into. */
  chooseFolder(): Promise<string | null>;
  /** Writes a file into a folder this window chose; null, or why it was not written. */
  writeInto(folder: string, fileName: string, bytes: Uint8Array): Promise<string | null>;
}

/** What the Electron preload puts on window.dateline; browser mode has none. */
export interface DesktopBridge {
  api: ApiClient;
  onMenuCommand(listener: (command: MenuCommand) => void): void;
  onFlushRequest(listener: () => Promise<void>): void;
  files: DesktopFiles;
}
