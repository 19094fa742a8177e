// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { Awareness } from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyReleaseContent } from '@shared/release/content';
import { Figure } from '@shared/release/figure';
import { releaseBody, releaseContentOf, seedReleaseDoc } from '@shared/release/release-doc';
import { collaborationExtensions, collaborativeTextExtensions } from './collaboration';
import { mapThroughEdit } from './kept-caret';

const editors: Editor[] = [];
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()));

/** A body editor on a release document, as BodyEditor builds it for a collaborative release. */
function bodyEditorOn(doc: Y.Doc, name: string) {
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name, color: '#2f6f9f' } });
  const problems: string[] = [];
  const editor = new Editor({
    extensions: [...collaborativeTextExtensions, Figure, ...collaborationExtensions({ doc, awareness })],
    enableContentCheck: true,
    onContentError: ({ error }) => problems.push(error.message),
  });
  editors.push(editor);
  return { editor, problems };
}

/** Two copies of a release that exchange every update at once, as two synced Datelines would. */
function twoCopies(bodyText: string) {
  const first = new Y.Doc();
  seedReleaseDoc(first, {
    ...emptyReleaseContent(),
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: bodyText }] }] },
  });
  const second = new Y.Doc();
  Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
  first.on('update', (update: Uint8Array, origin: unknown) => origin !== 'other' && Y.applyUpdate(second, update, 'other'));
  second.on('update', (update: Uint8Array, origin: unknown) => origin !== 'other' && Y.applyUpdate(first, update, 'other'));
  return [first, second] as const;
}

const bodyText = (doc: Y.Doc) =>
  (releaseContentOf(doc).body.content ?? []).map((block) => (block.content ?? []).map((inline) => inline.text).join('')).join('\n');

describe('the collaborative body', () => {
  it('shows the document’s body once, without seeding it again', () => {
    const [doc] = twoCopies('The ferry runs hourly.');
    const { editor } = bodyEditorOn(doc, 'Amal Haddad');
    expect(editor.getText()).toBe('The ferry runs hourly.');
    expect(bodyText(doc)).toBe('The ferry runs hourly.');
  });

  it('undoes only this person’s typing, never the other person’s words', () => {
    const [writerDoc, reviewerDoc] = twoCopies('The ferry runs hourly.');
    const writer = bodyEditorOn(writerDoc, 'Amal Haddad').editor;
    const reviewer = bodyEditorOn(reviewerDoc, 'Omar Saleh').editor;

    writer
      .chain()
      .setTextSelection(writer.state.doc.content.size - 1)
      .insertContent(' From Monday.')
      .run();
    reviewer.chain().setTextSelection(1).insertContent('Update: ').run();
    expect(bodyText(writerDoc)).toBe('Update: The ferry runs hourly. From Monday.');

    expect(writer.commands.undo()).toBe(true);
    expect(bodyText(writerDoc)).toBe('Update: The ferry runs hourly.');
    expect(bodyText(reviewerDoc)).toBe('Update: The ferry runs hourly.');
    expect(writer.commands.redo()).toBe(true);
    expect(bodyText(reviewerDoc)).toBe('Update: The ferry runs hourly. From Monday.');
  });

  it('says so when the body holds what this version cannot show, and keeps it in the document', () => {
    const [doc] = twoCopies('Before the table.');
    // A newer Dateline's block, which this schema does not know.
    const table = new Y.XmlElement('table');
    table.insert(0, [new Y.XmlText('Fares by route')]);
    releaseBody(doc).insert(1, [table]);
    const before = Y.encodeStateVector(doc);

    const { editor, problems } = bodyEditorOn(doc, 'Amal Haddad');
    expect(problems.length).toBeGreaterThan(0);
    const kept = releaseBody(doc).toArray();
    expect(kept.map((node) => (node as Y.XmlElement).nodeName)).toEqual(['paragraph', 'table']);
    expect((kept[1] as Y.XmlElement).toString()).toContain('Fares by route');
    // Nothing was written over it on opening.
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(editor.isDestroyed).toBe(false);
  });
});

describe('a plain field’s caret while another person edits it', () => {
  it('stays before an edit, moves with the text after one, and lands at the end of an edit it was inside', () => {
    const before = 'Ferry timetable';
    expect(mapThroughEdit(before, 'Ferry timetable changes', 5)).toBe(5);
    expect(mapThroughEdit(before, 'New ferry timetable', before.length)).toBe('New ferry timetable'.length);
    // "timetab" became "schedu" (both end in "le"): a caret inside it goes to where the new words end.
    expect(mapThroughEdit(before, 'Ferry schedule', 8)).toBe('Ferry schedu'.length);
    expect(mapThroughEdit(before, before, 3)).toBe(3);
  });
});
