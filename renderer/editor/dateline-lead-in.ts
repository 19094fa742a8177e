import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { datelineBlockIndex } from '@shared/release/dateline';

export const leadInKey = new PluginKey<{ text: string; decorations: DecorationSet }>('datelineLeadIn');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    datelineLeadIn: {
      /** Show the dateline ("NEW YORK, September 26, 2024 —") where the exports put it. */
      setDatelineLeadIn: (text: string) => ReturnType;
    };
  }
}

/**
 * Where the dateline shows: inside the paragraph the exports lead with it (the
 * shared rule, datelineBlockIndex), or, when the body has no paragraph at the
 * top level, on a line of its own before the body, as the exports print it.
 */
export function datelineLeadInPosition(doc: ProseMirrorNode): { pos: number; ownLine: boolean } {
  const index = datelineBlockIndex(
    doc.children,
    (block) => block.type.name,
    (block) => block.textContent,
  );
  if (index === -1) return { pos: 0, ownLine: true };
  let pos = 0;
  for (let before = 0; before < index; before++) pos += doc.child(before).nodeSize;
  return { pos: pos + 1, ownLine: false };
}

function decorate(state: EditorState, text: string): DecorationSet {
  if (!text) return DecorationSet.empty;
  const { pos, ownLine } = datelineLeadInPosition(state.doc);
  const widget = Decoration.widget(
    pos,
    () => {
      const element = document.createElement(ownLine ? 'p' : 'span');
      element.className = 'dateline-lead-in';
      element.textContent = ownLine ? text : `${text} `;
      element.contentEditable = 'false';
      return element;
    },
    // The key lets ProseMirror keep the same DOM node while typing, instead of redrawing it per key.
    { side: -1, key: `dateline:${ownLine}:${text}`, ignoreSelection: true },
  );
  return DecorationSet.create(state.doc, [widget]);
}

/** The plugin alone, so the model can be tested without a view. */
export const datelineLeadInPlugin = () =>
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
  });

/**
 * The dateline is stored as city and date, not as body text; this shows it where
 * a reader will see it, leading the first paragraph of body text, without making
 * it editable there.
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
    return [datelineLeadInPlugin()];
  },
});
