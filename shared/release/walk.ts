import type { JSONContent } from '@tiptap/core';
import { photoPlacementOf, type PhotoPlacement } from './photo';

/** Where a node sits: its ancestors (the document first), and its index within each (path.at(-1) is its own). */
export interface BodyPlace {
  ancestors: readonly JSONContent[];
  path: readonly number[];
}

/**
 * The one walk over a release body: every node in reading order, each before
 * its children. Text, counts, photos, links, search text, compare and the
 * exporters' dateline all read the body through this, so they agree on what
 * is in it. Return false from visit to skip a node's children.
 */
export function walkBody(doc: JSONContent, visit: (node: JSONContent, place: BodyPlace) => boolean | void): void {
  const walk = (node: JSONContent, ancestors: JSONContent[], path: number[]) => {
    if (visit(node, { ancestors, path }) === false) return;
    const inside = [...ancestors, node];
    node.content?.forEach((child, index) => walk(child, inside, [...path, index]));
  };
  walk(doc, [], []);
}

/** A paragraph's or subheading's words as a reader sees them: hard breaks as new lines, marks ignored. */
export const textOf = (block: JSONContent) =>
  (block.content ?? []).map((inline) => (inline.type === 'hardBreak' ? '\n' : (inline.text ?? ''))).join('');

const isTextBlock = (node: JSONContent) => node.type === 'paragraph' || node.type === 'heading';

export interface TextBlock {
  node: JSONContent;
  text: string;
  place: BodyPlace;
}

/** Every paragraph and subheading, in reading order, wherever it sits (lists and quotes included). */
export function textBlocks(node: JSONContent): TextBlock[] {
  const blocks: TextBlock[] = [];
  walkBody(node, (current, place) => {
    if (!isTextBlock(current)) return true;
    blocks.push({ node: current, text: textOf(current), place });
    return false;
  });
  return blocks;
}

/** Every photo placed in the body, in reading order: just its placement (photo id, caption, credit, alt). */
export function bodyFigures(doc: JSONContent): PhotoPlacement[] {
  const figures: PhotoPlacement[] = [];
  walkBody(doc, (node) => {
    if (node.type === 'figure') figures.push(photoPlacementOf(node.attrs as PhotoPlacement));
  });
  return figures;
}

export interface BodyLink {
  text: string;
  href: string;
}

/** Every link in reading order; neighbouring text under the same address (bold in the middle, a comment anchor) is one link. */
export function bodyLinks(doc: JSONContent): BodyLink[] {
  const links: BodyLink[] = [];
  for (const { node } of textBlocks(doc)) {
    let previousHref: string | undefined;
    for (const inline of node.content ?? []) {
      const href = inline.marks?.find((mark) => mark.type === 'link')?.attrs?.href as string | undefined;
      if (href !== undefined && href === previousHref) links.at(-1)!.text += inline.text ?? '';
      else if (href !== undefined) links.push({ text: inline.text ?? '', href });
      previousHref = href;
    }
  }
  return links;
}
