import type { JSONContent } from '@tiptap/core';
import type { FigureAttributes } from './figure';
import type { ReleaseContent } from './content';

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

const blockTypes = new Set(['paragraph', 'heading']);

/** The body as plain text, one line per paragraph or heading; for search and counts. */
export function bodyPlainText(doc: JSONContent): string {
  const lines: string[] = [];
  const visit = (node: JSONContent) => {
    if (blockTypes.has(node.type ?? '')) {
      lines.push((node.content ?? []).map((inline) => (inline.type === 'hardBreak' ? '\n' : (inline.text ?? ''))).join(''));
      return;
    }
    node.content?.forEach(visit);
  };
  visit(doc);
  return lines.join('\n');
}

/** Every photo placed in the body, in reading order. */
export function bodyFigures(doc: JSONContent): FigureAttributes[] {
  const figures: FigureAttributes[] = [];
  const visit = (node: JSONContent) => {
    if (node.type === 'figure') figures.push(node.attrs as FigureAttributes);
    node.content?.forEach(visit);
  };
  visit(doc);
  return figures;
}

/** Lead photo first, then the body's photos: every photo a release shows. */
export function releasePhotos(content: ReleaseContent): FigureAttributes[] {
  return [...(content.leadPhoto ? [content.leadPhoto] : []), ...bodyFigures(content.body)];
}
