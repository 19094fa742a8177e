/**
 * What crosses between Electron's main process, the preload and the page,
 * besides the contract's calls. The preload imports this file, so it must stay
 * free of runtime imports (no zod, no TipTap): the preload runs before <html>
 * exists and carries nothing it does not need.
 */

/** Commands the native application menu sends to the renderer. */
export const menuCommands = ['new-release', 'find', 'export', 'print', 'undo', 'redo'] as const;
export type MenuCommand = (typeof menuCommands)[number];

export const ipcChannels = {
  api: 'dateline:api',
  menuCommand: 'dateline:menu-command',
  /** Main asks the renderer to write unsaved work before the window closes or the app quits. */
  flushRequest: 'dateline:flush-request',
  /** The renderer's answer: true when the window may close, false when the person chose to stay. */
  flushed: 'dateline:flushed',
  /** Work could not be saved and the person is being asked; main waits for their answer, however long. */
  flushAsking: 'dateline:flush-asking',
} as const;

/**
 * What the Electron preload puts on window.dateline; browser mode has none.
 * Only a raw call: the renderer builds the typed, validated client from the
 * contract itself, so the preload stays a thin bridge.
 */
export interface DesktopBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  onMenuCommand(listener: (command: MenuCommand) => void): void;
  /**
   * The listener writes unsaved work and resolves whether the window may close.
   * Before asking the person (which takes as long as it takes) it calls asking().
   */
  onFlushRequest(listener: (asking: () => void) => Promise<boolean>): void;
}
