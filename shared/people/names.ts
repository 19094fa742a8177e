/**
 * What a person's name may be, said once: the contract's schema (and so the
 * welcome screen and People) and the people store ask this. Every action is
 * recorded against a name, so two names a reviewer cannot tell apart on
 * screen ("Bob" and "Воb" with a Cyrillic В, or "Bob" with a zero-width space)
 * would let one person pass for another in the audit trail.
 */

/**
 * Characters that show nothing or reorder what follows: controls, format
 * characters (zero-width spaces and joiners, direction marks, embeddings,
 * overrides and isolates, the byte-order mark, the soft hyphen), line and
 * paragraph separators, the Hangul fillers that render as blank space, and
 * half a surrogate pair, which SQLite stores as U+FFFD, so two different such
 * names would collide in the people table.
 */
const invisible = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/gu;

/**
 * The alphabets whose letters are mistaken for one another. Scripts that are
 * written mixed in one word as a matter of course (Japanese kanji with kana)
 * are not among them.
 */
const alphabets = ['Latin', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic'] as const;
const alphabetPatterns = alphabets.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why this name cannot be used, as a sentence; null when it can. */
export function nameProblem(name: string): string | null {
  const hidden = name.match(invisible);
  if (hidden) {
    return `Names cannot contain invisible characters or characters that change the direction of text; this one has ${codePoint(hidden[0])}. Type the name again.`;
  }
  for (const word of name.split(/[\s\-‐'’.]+/u)) {
    const found = alphabetPatterns.filter(([, pattern]) => pattern.test(word)).map(([script]) => script);
    if (found.length > 1) {
      return `“${word}” mixes ${found.join(' and ')} letters in one word, which is how look-alike names are made. Type it in one alphabet.`;
    }
  }
  return null;
}

/**
 * Two names are the same person's when they are equal after compatibility
 * normalisation (NFKC: "ﬁ" is "fi", a full-width "Ａ" is "A"), case folding
 * (upper then lower case, so "ß" meets "SS") and without invisible characters,
 * with runs of spaces as one: names stored before this rule may hold them.
 */
export const nameKey = (name: string): string =>
  name.normalize('NFKC').replace(invisible, '').toUpperCase().toLowerCase().replace(/\s+/gu, ' ').trim();
