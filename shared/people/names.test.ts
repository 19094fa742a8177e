import { describe, expect, it } from 'vitest';
import { describeIssues } from '../api/result';
import { personNameSchema } from '../api/session';
import { nameKey, nameProblem } from './names';

const refusal = (name: string) => {
  const result = personNameSchema.safeParse(name);
  return result.success ? null : describeIssues(result.error).message;
};

describe('person names', () => {
  it('accepts names in any one alphabet, with accents, hyphens and apostrophes', () => {
    for (const name of [
      'Amal Haddad',
      'أمل حداد',
      'José Núñez',
      'Zoë',
      'Jos\u0065\u0301 Nu\u0303n\u0303ez',
      'Jean-Luc O’Brien',
      'Вова',
      'Νίκος',
      'Fatima Al-Sayed أمل',
    ])
      expect(refusal(name), name).toBeNull();
  });

  it('refuses invisible and direction-changing characters, naming the one found', () => {
    expect(refusal('Bob\u202eyeknom')).toMatch(
      /invisible characters or characters that change the direction of text; this one has U\+202E\./,
    );
    for (const hidden of [
      '\u200b',
      '\u200c',
      '\u200d',
      '\u2060',
      '\ufeff',
      '\u2066',
      '\u200f',
      '\u00ad',
      '\u0007',
      '\u3164',
      '\ud800',
      '\udc00',
    ])
      expect(nameProblem(`Bo${hidden}b`), hidden.codePointAt(0)!.toString(16)).toMatch(/^Names cannot contain invisible characters/);
  });

  it('refuses a word that mixes Latin, Cyrillic or Greek letters: a look-alike name', () => {
    expect(refusal('Воb')).toBe(
      '“Воb” mixes Latin and Cyrillic letters in one word, which is how look-alike names are made. Type it in one alphabet.',
    );
    expect(nameProblem('Amal Ηaddad')).toMatch(/mixes Latin and Greek/);
    expect(nameProblem('Smirnоv-Petrov')).toMatch(/“Smirnоv” mixes Latin and Cyrillic/);
  });

  it('treats names equal after NFKC, case folding and removing invisible characters as one name', () => {
    expect(nameKey('AMAL  HADDAD')).toBe(nameKey('amal haddad'));
    expect(nameKey('Ａｍａｌ')).toBe(nameKey('amal'));
    expect(nameKey('Bob\u200b')).toBe(nameKey('bob'));
    expect(nameKey('Strauß')).toBe(nameKey('STRAUSS'));
    expect(nameKey('Jos\u0065\u0301')).toBe(nameKey('José'));
    expect(nameKey('Bob')).not.toBe(nameKey('Воb'));
  });
});
