/** The only link targets a release may carry: web pages and email addresses. */
const allowedProtocols = new Set(['http:', 'https:', 'mailto:']);

export function isSafeLinkUrl(url: string): boolean {
  // Control characters and whitespace inside a URL are how filters get fooled ("java\tscript:").
  if ([...url].some((character) => character <= ' ' || character === '\u007f')) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!allowedProtocols.has(parsed.protocol)) return false;
  return parsed.protocol === 'mailto:' ? parsed.pathname.includes('@') : parsed.hostname !== '';
}

/**
 * What a person typed into the link box, made into a URL: a bare address gets
 * https, a bare email address gets mailto. Returns null when it is still unsafe.
 */
export function normaliseLinkInput(input: string): string | null {
  const text = input.trim();
  if (text === '') return null;
  let candidate = text;
  if (/^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/.test(text)) candidate = `mailto:${text}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) candidate = `https://${text}`;
  return isSafeLinkUrl(candidate) ? candidate : null;
}
