/**
 * What a person typed into the search box, as an FTS5 query: every word must
 * match, each as a prefix, and nothing they type is read as FTS syntax.
 * Null when there is nothing to search for.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}\p{M}]+/gu);
  if (!words) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}
