import type { JSONContent } from '@tiptap/core';
import type { ReleaseContent } from './content';
import type { PhotoPlacement } from './photo';
import { bodyFigures, textBlocks } from './walk';

export { bodyFigures } from './walk';

const wordPattern = /[\p{L}\p{N}\p{M}]+(?:['’‐-][\p{L}\p{N}\p{M}]+)*/gu;

export interface TextCounts {
  words: number;
  characters: number;
}

/** Words as a reader counts them, in any script; characters as code points, spaces included. */
export function countText(text: string): TextCounts {
  let words = 0;
  for (const _ of text.matchAll(wordPattern)) words++;
  let characters = 0;
  for (const _ of text) characters++;
  return { words, characters };
}

/** The body (or any part of it) as plain text, one line per paragraph or subheading; photos have none. */
export function bodyPlainText(node: JSONContent): string {
  return textBlocks(node)
    .map((block) => block.text)
    .join('\n');
}

/**
 * One top-level block's counts. The editor counts block by block (and caches
 * each, so a keystroke recounts one block); the body's count is their sum.
 */
export const countBodyBlock = (block: JSONContent): TextCounts => countText(bodyPlainText(block));

/** The body's words and characters, as the editor shows them and History records them. */
export function countBody(doc: JSONContent): TextCounts {
  const total = { words: 0, characters: 0 };
  for (const block of doc.content ?? []) {
    const counts = countBodyBlock(block);
    total.words += counts.words;
    total.characters += counts.characters;
  }
  return total;
}

/** Lead photo first, then the body's photos: every photo a release shows. */
export function releasePhotos(content: ReleaseContent): PhotoPlacement[] {
  return [...(content.leadPhoto ? [content.leadPhoto] : []), ...bodyFigures(content.body)];
}

/** What search finds a release by, one entry per column of the full-text index. */
export function releaseSearchText(content: ReleaseContent): { headline: string; subheadline: string; body: string; captions: string } {
  return {
    headline: content.headline,
    subheadline: content.subheadline,
    body: bodyPlainText(content.body),
    captions: releasePhotos(content)
      .map((photo) => `${photo.caption} ${photo.credit}`)
      .join('\n'),
  };
}
