import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeIssues } from '../api/result';
import { emptyReleaseContent, releaseContentSchema, savedReleaseContentSchema, type ReleaseContent } from './content';
import { maxBodyBytes, maxBodyCharacters, releaseTooLong, utf8Length } from './limits';

const withParagraphs = (...texts: string[]): ReleaseContent => ({
  ...emptyReleaseContent(),
  body: { type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) } as ReleaseContent['body'],
});

const refusalOf = (content: unknown) => {
  const result = releaseContentSchema.safeParse(content);
  return result.success ? null : describeIssues(result.error);
};

describe('release length limits', () => {
  it('accepts a body at the character limit and refuses one character more, in the words every refusal uses', () => {
    const half = maxBodyCharacters / 2;
    expect(refusalOf(withParagraphs('a'.repeat(half), 'b'.repeat(half)))).toBeNull();
    expect(refusalOf(withParagraphs('a'.repeat(half), 'b'.repeat(half + 1)))).toEqual({
      field: 'body',
      message: `body: ${releaseTooLong}`,
    });
    expect(releaseTooLong).toMatch(/at most 500,000 characters .* 2 MB/);
  });

  it('counts characters as the editor shows them: an Arabic letter or an emoji is one', () => {
    expect(refusalOf(withParagraphs('ب'.repeat(maxBodyCharacters)))).toBeNull();
    expect(refusalOf(withParagraphs('😀'.repeat(maxBodyCharacters / 4)))).toBeNull();
  });

  it('refuses a body over the size limit with few characters, before checking it node by node', () => {
    const link = { type: 'link', attrs: { href: `https://example.com/${'a'.repeat(4000)}` } };
    const linked = Array.from({ length: 600 }, () => ({ type: 'text', text: 'x', marks: [link] }));
    const body = { type: 'doc', content: [{ type: 'paragraph', content: linked }] };
    expect(utf8Length(JSON.stringify(body))).toBeGreaterThan(maxBodyBytes);
    expect(refusalOf({ ...emptyReleaseContent(), body })?.message).toBe(`body: ${releaseTooLong}`);
  });

  it('still reads a release saved before there were limits, so it can be opened and shortened', () => {
    const long = withParagraphs('a'.repeat(maxBodyCharacters + 1));
    expect(releaseContentSchema.safeParse(long).success).toBe(false);
    expect(savedReleaseContentSchema.safeParse(long).success).toBe(true);
  });

  it('measures UTF-8 as TextEncoder does, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      }),
    );
    expect(utf8Length('\ud800x\udc00')).toBe(new TextEncoder().encode('\ud800x\udc00').length);
  });
});
