import type { JSONContent } from '@tiptap/core';
import { withoutComments } from '../release/body';
import type { PhotoPlacement, ReleaseContent } from '../release/content';
import { datelineBlockIndexOf, formatDateline } from '../release/dateline';
import { exportedTexts } from '../release/fields';
import { releaseLineText } from '../release/release-line';
import { textBlocks } from '../release/walk';
import { draftMark, type ExportOptions } from './options';

const width = 72;

/** Link text with its address, unless the text already is the address. */
function linkText(text: string, href: string): string {
  const bare = href
    .replace(/^mailto:/i, '')
    .replace(/^https?:\/\//i, '')
    .replace(/\/$/, '');
  const shown = text.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return shown === bare || text === href ? text : `${text} (${href})`;
}

function inlineText(node: JSONContent): string {
  return (node.content ?? [])
    .map((inline) => {
      if (inline.type === 'hardBreak') return '\n';
      const link = inline.marks?.find((mark) => mark.type === 'link');
      return link ? linkText(inline.text ?? '', String(link.attrs?.href ?? '')) : (inline.text ?? '');
    })
    .join('');
}

/** Consecutive text nodes under one link mark read as one link: "the report (https://…)". */
function mergeLinks(node: JSONContent): JSONContent {
  const merged: JSONContent[] = [];
  for (const inline of node.content ?? []) {
    const href = inline.marks?.find((mark) => mark.type === 'link')?.attrs?.href;
    const previous = merged.at(-1);
    const previousHref = previous?.marks?.find((mark) => mark.type === 'link')?.attrs?.href;
    if (href && previous && previousHref === href && previous.type === 'text' && inline.type === 'text') {
      merged[merged.length - 1] = { ...previous, text: (previous.text ?? '') + (inline.text ?? '') };
    } else merged.push(inline);
  }
  return { ...node, content: merged };
}

const photoLine = ({ caption, credit }: PhotoPlacement) =>
  `Photo: ${[caption.trim(), credit.trim() && `(${credit.trim()})`].filter(Boolean).join(' ')}`;

/** The paragraphs and headings inside a node, as lines of text. */
const textblockLines = (node: JSONContent): string[] => textBlocks(node).map((block) => inlineText(mergeLinks(block.node)));

/** A list as one block, an item a line ("- " or "1. "), nested lists indented. */
function listLines(list: JSONContent, options: ExportOptions, depth = 0): string[] {
  const start = Number(list.attrs?.start ?? 1);
  const indent = '  '.repeat(depth);
  return (list.content ?? []).flatMap((item, index) => {
    const marker = list.type === 'orderedList' ? `${start + index}. ` : '- ';
    const hanging = indent + ' '.repeat(marker.length);
    let first = true;
    return (item.content ?? []).flatMap((child) => {
      if (child.type === 'bulletList' || child.type === 'orderedList') return listLines(child, options, depth + 1);
      if (child.type === 'figure') return options.includeCaptions ? [hanging + photoLine(child.attrs as PhotoPlacement)] : [];
      return textblockLines(child).map((line) => {
        const prefix = first ? indent + marker : hanging;
        first = false;
        return prefix + line;
      });
    });
  });
}

/** Each block of the body as text: paragraphs, subheadings, whole lists, photo lines; the dateline leads the first paragraph. */
function bodyBlocks(doc: JSONContent, options: ExportOptions, dateline: string): string[] {
  const leadIndex = datelineBlockIndexOf(doc);
  const blocks = (doc.content ?? []).flatMap((node, index): string[] => {
    if (node.type === 'bulletList' || node.type === 'orderedList') return [listLines(node, options).join('\n')];
    if (node.type === 'figure') return options.includeCaptions ? [photoLine(node.attrs as PhotoPlacement)] : [];
    const lines = textblockLines(node);
    if (index === leadIndex && dateline) lines[0] = `${dateline} ${lines[0]}`;
    return lines;
  });
  return leadIndex === -1 && dateline ? [dateline, ...blocks] : blocks;
}

/** Greedy wrap at 72 columns; a word or URL longer than the line stays whole on its own line. */
export function wrapLine(line: string, indent = ''): string {
  const words = line.split(' ');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && (current + ' ' + word).length > width) {
      lines.push(current);
      current = indent + word;
    } else current = current ? `${current} ${word}` : word;
  }
  lines.push(current);
  return lines.join('\n');
}

function wrapBlock(block: string): string {
  return block
    .split('\n')
    .map((line) => {
      const marker = /^(\s*(?:- |\d+\. ))/.exec(line)?.[1] ?? '';
      return wrapLine(line, ' '.repeat(marker.length));
    })
    .join('\n');
}

/**
 * The release as UTF-8 plain text, for email and wires: release line, headline,
 * subheadline, the dateline leading the first paragraph, paragraphs separated by
 * blank lines, then the footer fields (boilerplate, media contact, sign-off, end
 * mark), each a block; a blank field leaves no line.
 */
export function toPlainText(content: ReleaseContent, options: ExportOptions, draft: boolean): string {
  const body = bodyBlocks(
    withoutComments(content.body),
    options,
    formatDateline(content.dateline, content.language, options.datelineStyle),
  );
  const top = [releaseLineText(content, options.datelineStyle), ...exportedTexts(content, 'top')].join('\n');
  const lead = content.leadPhoto && options.includeCaptions ? [photoLine(content.leadPhoto)] : [];
  const blocks = [
    ...(draft ? [draftMark] : []),
    top,
    ...lead,
    ...body.filter((block) => block.trim() !== ''),
    ...exportedTexts(content, 'footer'),
  ].filter(Boolean);
  return withoutHiddenControls(`${(options.wrap ? blocks.map(wrapBlock) : blocks).join('\n\n')}\n`);
}

/**
 * Plain text goes to wire desks and email, where characters nobody can see
 * must not act: C0 and C1 control characters (carriage returns, escape codes,
 * anything but the line breaks and tabs the export writes) and the bidi
 * embeddings and overrides U+202A–U+202E, which can make text read backwards.
 * Kept: the direction marks a bilingual text legitimately needs (LRM U+200E,
 * RLM U+200F, ALM U+061C) and the isolates U+2066–U+2069.
 */
export function withoutHiddenControls(text: string): string {
  return text.replace(/[\p{Cc}\u202a-\u202e]/gu, (character) => (character === '\n' || character === '\t' ? character : ''));
}
