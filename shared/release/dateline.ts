import type { JSONContent } from '@tiptap/core';
import type { Language } from './content';
import { textOf } from './walk';

export type DatelineStyle = 'full' | 'ap';

const englishMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
// AP abbreviates the long months and spells out March to July.
const apMonths = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const arabicMonths = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];

/** "2024-09-26" as the dateline prints it; an empty date stays empty. */
export function formatDatelineDate(isoDate: string, language: Language, style: DatelineStyle = 'full'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return '';
  const [, year, month, day] = match;
  const monthIndex = Number(month) - 1;
  if (language === 'ar') return `${Number(day)} ${arabicMonths[monthIndex]} ${year}`;
  return `${(style === 'ap' ? apMonths : englishMonths)[monthIndex]} ${Number(day)}, ${year}`;
}

/** "NEW YORK, September 26, 2024 —": the words that lead the first paragraph. Empty until city or date is set. */
export function formatDateline(dateline: { city: string; date: string }, language: Language, style: DatelineStyle = 'full'): string {
  const city = dateline.city.trim().toLocaleUpperCase(language);
  const date = formatDatelineDate(dateline.date, language, style);
  const parts = [city, date].filter(Boolean);
  if (parts.length === 0) return '';
  return `${parts.join(language === 'ar' ? '، ' : ', ')} —`;
}

/**
 * Which top-level block of the body the dateline leads, the one rule the editor
 * and every export follow: the first paragraph of body text, "ABU DHABI,
 * September 26, 2026 — The quay opened…". A subheading, list, quote or photo
 * before it never carries it; an empty paragraph does only while no paragraph
 * has text (a new release). -1 when there is no paragraph at the top level: the
 * dateline then stands on a line of its own before the body.
 *
 * Generic over the block, so the editor can pass its ProseMirror nodes and the
 * exporters their JSON; it stops at the first paragraph with text.
 */
export function datelineBlockIndex<Block>(
  blocks: readonly Block[],
  typeOf: (block: Block) => string | undefined,
  textOf: (block: Block) => string,
): number {
  let firstParagraph = -1;
  for (const [index, block] of blocks.entries()) {
    if (typeOf(block) !== 'paragraph') continue;
    if (textOf(block).trim() !== '') return index;
    if (firstParagraph === -1) firstParagraph = index;
  }
  return firstParagraph;
}

/** The rule for the body's JSON, as the exporters hold it. */
export const datelineBlockIndexOf = (doc: JSONContent) => datelineBlockIndex(doc.content ?? [], (block) => block.type, textOf);
