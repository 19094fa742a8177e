// The peers the editor is measured against, in the same Chromium and in the same
// page as the release editor's body: the app's stylesheet and the app's layout
// around the body (sidebar, scrolling editor column, page, side panel), so that
// style, layout, paint and scrolling cost what they cost in the app. One peer is
// a bare ProseMirror EditorView with the release body's schema, history and base
// keymap; the other a plain contenteditable holding the same document as the
// browser's own DOM (the floor).
import { baseKeymap } from '@tiptap/pm/commands';
import { history, redo, undo } from '@tiptap/pm/history';
import { keymap } from '@tiptap/pm/keymap';
import type { JSONContent } from '@tiptap/core';
import { DOMSerializer } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { EditorView } from '@tiptap/pm/view';
import { bodySchema } from '@shared/release/body';

const bodyAttributes = { 'aria-label': 'Body', 'aria-multiline': 'true', role: 'textbox', spellcheck: 'true' };

/** The release editor's layout, empty but for the place where the body goes. */
function appLayout(): HTMLElement {
  const element = (tag: string, className: string, ...children: HTMLElement[]) => {
    const made = document.createElement(tag);
    made.className = className;
    made.append(...children);
    return made;
  };
  const bodyContent = element('div', 'body-content');
  const root = document.getElementById('root') ?? document.body.appendChild(element('div', ''));
  root.id = 'root';
  root.append(
    element(
      'div',
      'workspace',
      element('nav', 'sidebar'),
      element(
        'main',
        'main',
        element(
          'div',
          'editor-layout',
          element('div', 'editor-scroll', element('article', 'page', element('div', 'body-editor', bodyContent))),
          element('aside', 'side-panel'),
        ),
      ),
    ),
  );
  return bodyContent;
}

function mountProseMirror(doc: JSONContent): void {
  const state = EditorState.create({
    doc: bodySchema.nodeFromJSON(doc),
    plugins: [history(), keymap({ 'Mod-z': undo, 'Mod-Shift-z': redo }), keymap(baseKeymap)],
  });
  new EditorView(appLayout(), { state, attributes: { ...bodyAttributes, class: 'body-text' } });
}

function mountContentEditable(doc: JSONContent): void {
  const host = document.createElement('div');
  // The classes the app's stylesheet gives the body its typography by; nothing of ProseMirror runs here.
  host.className = 'ProseMirror body-text';
  host.contentEditable = 'true';
  for (const [name, value] of Object.entries(bodyAttributes)) host.setAttribute(name, value);
  host.append(DOMSerializer.fromSchema(bodySchema).serializeFragment(bodySchema.nodeFromJSON(doc).content));
  appLayout().append(host);
}

/** The old benchmark's ProseMirror page, kept for its comparison: a 650 px column in the document's own scroller. */
function mountLegacyProseMirror(doc: JSONContent): void {
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

Object.assign(window, { mountProseMirror, mountContentEditable, mountLegacyProseMirror });
