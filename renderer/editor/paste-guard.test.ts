// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { Slice } from '@tiptap/pm/model';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyExtensions } from '@shared/release/body';
import { PasteGuard } from './paste-guard';

const photoId = 'a'.repeat(64);
const pastedFigure = { type: 'figure', attrs: { photoId, caption: 'The quay', credit: 'Media Office', alt: 'Cranes at the quay' } };

const editors: Editor[] = [];
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()));

/** A body editor whose store answers missingPhotos only when the test says so. */
function editorWithSlowStore(text: string) {
  let answer!: (missing: string[] | null) => void;
  const dropped: string[] = [];
  const editor = new Editor({
    extensions: [
      ...bodyExtensions,
      PasteGuard.configure({
        onDropped: (message) => dropped.push(message),
        missingPhotos: () => new Promise((resolve) => (answer = resolve)),
      }),
    ],
    content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
  });
  editors.push(editor);
  const paste = (from: number, to = from) => {
    editor.commands.setTextSelection({ from, to });
    const slice = new Slice(editor.schema.nodeFromJSON({ type: 'doc', content: [pastedFigure] }).content, 0, 0);
    const handled = editor.view.someProp('handlePaste', (handle) => handle(editor.view, new Event('paste') as ClipboardEvent, slice));
    expect(handled).toBe(true);
  };
  const settle = async (missing: string[] | null) => {
    answer(missing);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const blocks = () =>
    (editor.getJSON().content ?? []).map((node) => (node.type === 'figure' ? 'figure' : (node.content?.[0]?.text ?? '')));
  return { editor, paste, settle, blocks, dropped };
}

describe('a paste with photos, which waits for the store', () => {
  it('lands where it was pasted, even when typing before it moved that place meanwhile', async () => {
    const { editor, paste, settle, blocks } = editorWithSlowStore('Port opens. Ferries resume.');
    paste('Port opens.'.length + 1);
    editor.chain().setTextSelection(1).insertContent('Today: ').run();
    await settle([]);
    expect(blocks()).toEqual(['Today: Port opens.', 'figure', ' Ferries resume.']);
  });

  it('keeps the words typed at the place of the paste, and a selection typed over, while the store is asked', async () => {
    const atCaret = editorWithSlowStore('Port opens. Ferries resume.');
    atCaret.paste('Port opens.'.length + 1);
    atCaret.editor.commands.insertContent(' More words.');
    await atCaret.settle([]);
    expect(atCaret.blocks()).toEqual(['Port opens.', 'figure', ' More words. Ferries resume.']);

    const overSelection = editorWithSlowStore('Port opens today.');
    overSelection.paste(12, 17);
    overSelection.editor.chain().setTextSelection({ from: 12, to: 17 }).insertContent('Harbour').run();
    await overSelection.settle([]);
    expect(overSelection.blocks().join(' | ')).toContain('Harbour');
  });

  it('inserts nothing into a release that turned read-only before the store answered, and says so', async () => {
    const { editor, paste, settle, blocks, dropped } = editorWithSlowStore('Port opens.');
    paste(3);
    editor.setEditable(false);
    await settle([]);
    expect(blocks()).toEqual(['Port opens.']);
    expect(dropped).toEqual([expect.stringMatching(/not inserted: the release became read-only/)]);
  });

  it('leaves the photos out when the store cannot say which it holds', async () => {
    const { paste, settle, blocks, dropped } = editorWithSlowStore('Port opens.');
    paste(1);
    await settle(null);
    expect(blocks()).not.toContain('figure');
    expect(dropped).toEqual([expect.stringMatching(/could not check them against its store/)]);
  });
});
