// The peers the editor is measured against, in the same page setup and the same
// Chromium: a bare ProseMirror EditorView with the release body's schema, and a
// plain contenteditable holding the same text (the floor).
import { baseKeymap } from '@tiptap/pm/commands';
import { history, redo, undo } from '@tiptap/pm/history';
import { keymap } from '@tiptap/pm/keymap';
import type { JSONContent } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { EditorView } from '@tiptap/pm/view';
import { bodySchema } from '@shared/release/body';

function mountProseMirror(doc: JSONContent): void {
  const host = document.createElement('div');
  host.className = 'bench-page';
  document.body.append(host);
  const state = EditorState.create({
    doc: bodySchema.nodeFromJSON(doc),
    plugins: [history(), keymap({ 'Mod-z': undo, 'Mod-Shift-z': redo }), keymap(baseKeymap)],
  });
  const view = new EditorView(host, { state });
  view.dom.setAttribute('aria-label', 'Body');
  view.dom.setAttribute('role', 'textbox');
}

function mountContentEditable(paragraphs: string[]): void {
  const host = document.createElement('div');
  host.className = 'bench-page';
  host.contentEditable = 'true';
  host.setAttribute('aria-label', 'Body');
  host.setAttribute('role', 'textbox');
  for (const text of paragraphs) {
    const paragraph = document.createElement('p');
    paragraph.textContent = text;
    host.append(paragraph);
  }
  document.body.append(host);
}

Object.assign(window, { mountProseMirror, mountContentEditable });
