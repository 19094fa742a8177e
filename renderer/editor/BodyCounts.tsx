import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { maxBodyCharacters } from '@shared/release/limits';
import { countBodyBlock, type TextCounts } from '@shared/release/text';
import { formatCount } from '../format';
import { useDeferredDocValue } from './deferred-doc';

// ProseMirror shares unchanged nodes between versions of a document, so a
// paragraph is counted once and a keystroke recounts only the block it touched.
// Each block is counted by the shared rule History and the store use too.
const countsByBlock = new WeakMap<ProseMirrorNode, TextCounts>();

function countBlock(block: ProseMirrorNode): TextCounts {
  let counts = countsByBlock.get(block);
  if (!counts) {
    counts = countBodyBlock(block.toJSON());
    countsByBlock.set(block, counts);
  }
  return counts;
}

export function countDocument(doc: ProseMirrorNode): TextCounts {
  const total = { words: 0, characters: 0 };
  doc.forEach((block) => {
    const counts = countBlock(block);
    total.words += counts.words;
    total.characters += counts.characters;
  });
  return total;
}

const sameCounts = (a: TextCounts, b: TextCounts) => a.words === b.words && a.characters === b.characters;
const noCounts: TextCounts = { words: 0, characters: 0 };

/** The body's length, brought up to date when typing pauses (not per keystroke: see useDeferredDocValue). */
export function BodyCounts({ editor }: { editor: Editor }) {
  const counts = useDeferredDocValue(editor, countDocument, sameCounts, noCounts);
  const over = counts.characters > maxBodyCharacters;
  return (
    <p className={over ? 'body-counts over-limit' : 'body-counts'} aria-label="Body length">
      {formatCount(counts.words)} {counts.words === 1 ? 'word' : 'words'} · {formatCount(counts.characters)}{' '}
      {counts.characters === 1 ? 'character' : 'characters'}
      {over && ` (at most ${formatCount(maxBodyCharacters)}: this is too long to save)`}
    </p>
  );
}
