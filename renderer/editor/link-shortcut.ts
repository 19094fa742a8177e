import { Extension } from '@tiptap/core';

export interface LinkShortcutOptions {
  /**
   * Opens the link box; the React editor supplies it.
   * @default () => {}
   */
  onOpen: () => void;
}

/** Ctrl/Cmd+K opens the link box, as in every word processor. */
export const LinkShortcut = Extension.create<LinkShortcutOptions>({
  name: 'linkShortcut',

  addOptions() {
    return { onOpen: () => {} };
  },

  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        this.options.onOpen();
        return true;
      },
    };
  },
});
