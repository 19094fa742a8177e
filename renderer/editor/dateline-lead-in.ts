import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

const leadInKey = new PluginKey<{ text: string; decorations: DecorationSet }>('datelineLeadIn');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    datelineLeadIn: {
      /** Show the dateline ("NEW YORK, September 26, 2024 —") ahead of the first paragraph. */
      setDatelineLeadIn: (text: string) => ReturnType;
    };
  }
}

function firstTextblockStart(state: EditorState): number | null {
  let found: number | null = null;
  state.doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.isTextblock) {
      found = pos + 1;
      return false;
    }
    return true;
  });
  return found;
}

function decorate(state: EditorState, text: string): DecorationSet {
  const at = text ? firstTextblockStart(state) : null;
  if (at === null) return DecorationSet.empty;
  const widget = Decoration.widget(
    at,
    () => {
      const span = document.createElement('span');
      span.className = 'dateline-lead-in';
      span.textContent = `${text} `;
      span.contentEditable = 'false';
      return span;
    },
    // The key lets ProseMirror keep the same DOM node while typing, instead of redrawing it per key.
    { side: -1, key: `dateline:${text}`, ignoreSelection: true },
  );
  return DecorationSet.create(state.doc, [widget]);
}

/**
 * The dateline is stored as city and date, not as body text; this shows it where
 * a reader will see it, leading the first paragraph, without making it editable there.
 */
export const DatelineLeadIn = Extension.create({
  name: 'datelineLeadIn',

  addCommands() {
    return {
      setDatelineLeadIn:
        (text) =>
        ({ tr, dispatch }) => {
          dispatch?.(tr.setMeta(leadInKey, text).setMeta('addToHistory', false));
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: leadInKey,
        state: {
          init: (_config, state) => ({ text: '', decorations: decorate(state, '') }),
          apply(tr, previous, _oldState, newState) {
            const text = tr.getMeta(leadInKey) as string | undefined;
            if (text !== undefined) return { text, decorations: decorate(newState, text) };
            if (!tr.docChanged) return previous;
            return { text: previous.text, decorations: decorate(newState, previous.text) };
          },
        },
        props: { decorations: (state) => leadInKey.getState(state)?.decorations },
      }),
    ];
  },
});
