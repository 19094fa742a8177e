import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeIssues } from '../api/result';
import { defaultExportOptions, exportFormats } from '../export/options';
import { renderRelease } from '../export/render';
import { checkRelease } from '../review/checklist';
import { emptyReleaseContent, releaseContentSchema, type ReleaseContent } from './content';
import { datelineBlockIndexOf, formatDateline } from './dateline';
import { isSafeLinkUrl, normaliseLinkInput } from './links';
import { releaseLineText } from './release-line';
import { bodyPlainText, countBody, countBodyBlock, countText, releasePhotos, releaseSearchText } from './text';
import { bodyLinks, textBlocks } from './walk';

const withBody = (content: unknown[]): ReleaseContent => ({
  ...emptyReleaseContent(),
  body: { type: 'doc', content } as ReleaseContent['body'],
});
const paragraph = (text: string, marks?: unknown[]) => ({
  type: 'paragraph',
  content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
});
const failureOf = (content: unknown) => {
  const result = releaseContentSchema.safeParse(content);
  return result.success ? null : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
};

describe('release content', () => {
  it('accepts a complete release', () => {
    const content: ReleaseContent = {
      ...withBody([
        paragraph('The port opens today.'),
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Background' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('First berth')] }] },
        { type: 'figure', attrs: { photoId: 'a'.repeat(64), caption: 'The quay', credit: 'Media Office', alt: 'Cranes at dawn' } },
        paragraph('Details', [{ type: 'link', attrs: { href: 'https://example.org/port' } }]),
      ]),
      releaseLine: { kind: 'embargoed', date: '2026-12-01', time: '09:00', timeZone: 'Asia/Dubai' },
    };
    expect(failureOf(content)).toBeNull();
  });

  it('refuses an embargo without a time zone, but lets date and time wait', () => {
    const embargo = (timeZone: string) => ({ ...emptyReleaseContent(), releaseLine: { kind: 'embargoed', date: '', time: '', timeZone } });
    expect(failureOf(embargo('Europe/London'))).toBeNull();
    expect(failureOf(embargo(''))).toMatch(/releaseLine.timeZone: must be a time zone/);
    expect(failureOf(embargo('Mars/Olympus'))).toMatch(/time zone/);
    expect(
      failureOf({ ...emptyReleaseContent(), releaseLine: { kind: 'embargoed', date: '2026-02-30', time: '', timeZone: 'UTC' } }),
    ).toMatch(/not a real date/);
  });

  it('refuses links that are not web pages or email addresses', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>',
      'file:///etc/passwd',
      'vbscript:x',
    ]) {
      expect(failureOf(withBody([paragraph('x', [{ type: 'link', attrs: { href } }])])), href).toMatch(/http, https or mailto/);
    }
  });

  it('refuses content the body cannot hold', () => {
    expect(failureOf(withBody([{ type: 'script', content: [] }]))).toMatch(/not a kind of content/);
    expect(failureOf(withBody([{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'x' }] }]))).toMatch(/level 2 or 3/);
    expect(failureOf(withBody([{ type: 'figure', attrs: { photoId: '../../etc', caption: '', credit: '', alt: '' } }]))).toMatch(
      /photo id/,
    );
    expect(failureOf(withBody([{ type: 'listItem', content: [paragraph('loose')] }]))).toMatch(/not well formed/);
    expect(failureOf(withBody([paragraph('x', [{ type: 'link', attrs: { href: 'https://a.example', onclick: 'x' } }])]))).toMatch(
      /onclick/,
    );
  });

  it('refuses a body nested deeper than any real release', () => {
    let node: unknown = paragraph('deep');
    for (let level = 0; level < 5000; level++) node = { type: 'blockquote', content: [node] };
    expect(failureOf(withBody([node]))).toMatch(/nested more than 32 levels/);
  });
});

describe('body photos', () => {
  const photoId = 'a'.repeat(64);
  const good = { photoId, caption: 'The quay', credit: 'Media Office', alt: 'Cranes at dawn' };
  // What `dateline import` and every API call print: the first issue, with its field.
  const refusal = (content: unknown) => {
    const result = releaseContentSchema.safeParse(content);
    return result.success ? null : describeIssues(result.error).message;
  };
  const withPhotoAt3 = (attrs: unknown) => withBody([paragraph('One'), paragraph('Two'), paragraph('Three'), { type: 'figure', attrs }]);

  it('refuses a body photo that the lead photo would refuse, naming the field', () => {
    expect(refusal(withPhotoAt3({ ...good, caption: 123 }))).toMatch(
      /^body\.content\.3\.attrs\.caption: .*expected string, received number/,
    );
    expect(refusal(withPhotoAt3({ ...good, alt: null }))).toMatch(/^body\.content\.3\.attrs\.alt: .*expected string, received null/);
    expect(refusal(withPhotoAt3({ ...good, caption: 'x'.repeat(4000) }))).toMatch(/^body\.content\.3\.attrs\.caption: .*2000 characters/);
    expect(refusal(withPhotoAt3({ photoId }))).toMatch(/^body\.content\.3\.attrs\.caption: /);
    expect(refusal(withPhotoAt3({ ...good, onload: 'x' }))).toMatch(/^body\.content\.3\.attrs: .*onload/);
    expect(refusal(withPhotoAt3({ ...good, photoId: '../../etc' }))).toBe(
      'body.content.3.attrs.photoId: must be a photo id (a SHA-256 in hex)',
    );
    // One schema: the same words refused in the same way on the lead photo.
    expect(refusal({ ...emptyReleaseContent(), leadPhoto: { ...good, caption: 'x'.repeat(4000) } })?.replace('leadPhoto', '')).toBe(
      refusal(withPhotoAt3({ ...good, caption: 'x'.repeat(4000) }))?.replace('body.content.3.attrs', ''),
    );
    // What the editor writes (every body node carries its text direction) is accepted.
    expect(refusal(withPhotoAt3({ ...good, dir: 'auto' }))).toBeNull();
    expect(
      refusal(withBody([{ type: 'blockquote', content: [paragraph('Quoted'), { type: 'figure', attrs: { ...good, credit: false } }] }])),
    ).toMatch(/^body\.content\.0\.content\.1\.attrs\.credit: /);
  });

  it('lets through only photos that every export and the checklist can handle', () => {
    // Mostly good values, so that many photos get through to the renderers; the rest drifted in every way seen.
    const value = fc.oneof(
      { arbitrary: fc.string({ maxLength: 40 }), weight: 8 },
      { arbitrary: fc.string({ minLength: 1995, maxLength: 2005 }), weight: 1 },
      { arbitrary: fc.constantFrom<unknown>(123, true, null, undefined, {}), weight: 1 },
    );
    const attrs = fc.record({
      photoId: fc.oneof({ arbitrary: fc.constant<unknown>(photoId), weight: 8 }, { arbitrary: value, weight: 1 }),
      caption: value,
      credit: value,
      alt: value,
    });
    let accepted = 0;
    fc.assert(
      fc.property(fc.boolean(), attrs, (asLead, photo) => {
        const content = asLead
          ? { ...withBody([paragraph('Body')]), leadPhoto: photo }
          : withBody([paragraph('Body'), { type: 'figure', attrs: photo }]);
        const parsed = releaseContentSchema.safeParse(content);
        if (!parsed.success) return;
        accepted++;
        for (const format of exportFormats) renderRelease(parsed.data, format, defaultExportOptions, true, () => null);
        checkRelease(parsed.data);
      }),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(20);
  });
});

describe('links', () => {
  it('allows web and mail addresses only', () => {
    expect(isSafeLinkUrl('https://example.org/a?b=c')).toBe(true);
    expect(isSafeLinkUrl('mailto:press@example.org')).toBe(true);
    expect(isSafeLinkUrl(' https://example.org')).toBe(false);
    expect(isSafeLinkUrl('https://')).toBe(false);
  });

  it('completes what a person types into the link box', () => {
    expect(normaliseLinkInput('example.org/news')).toBe('https://example.org/news');
    expect(normaliseLinkInput('press@example.org')).toBe('mailto:press@example.org');
    expect(normaliseLinkInput('javascript:alert(1)')).toBeNull();
    expect(normaliseLinkInput('   ')).toBeNull();
  });
});

describe('dateline', () => {
  it('prints city and date the way wires expect', () => {
    expect(formatDateline({ city: 'New York', date: '2024-09-26' }, 'en')).toBe('NEW YORK, September 26, 2024 —');
    expect(formatDateline({ city: 'New York', date: '2024-09-26' }, 'en', 'ap')).toBe('NEW YORK, Sept. 26, 2024 —');
    expect(formatDateline({ city: 'Abu Dhabi', date: '2024-06-03' }, 'en', 'ap')).toBe('ABU DHABI, June 3, 2024 —');
    expect(formatDateline({ city: 'دبي', date: '2024-09-26' }, 'ar')).toBe('دبي، 26 سبتمبر 2024 —');
    expect(formatDateline({ city: '', date: '' }, 'en')).toBe('');
  });
});

describe('text', () => {
  it('counts words in English and Arabic alike', () => {
    expect(countText("The minister's statement, issued today.")).toEqual({ words: 5, characters: 39 });
    expect(countText('أعلن المكتب الإعلامي اليوم')).toEqual({ words: 4, characters: 26 });
    expect(countText('')).toEqual({ words: 0, characters: 0 });
  });

  it('derives searchable text and the list of photos from the body', () => {
    const photo = { photoId: 'b'.repeat(64), caption: 'Quay', credit: 'Office', alt: 'Cranes' };
    const content = {
      ...withBody([paragraph('One'), { type: 'blockquote', content: [paragraph('Two')] }, { type: 'figure', attrs: photo }]),
      leadPhoto: { ...photo, photoId: 'c'.repeat(64) },
    };
    expect(bodyPlainText(content.body)).toBe('One\nTwo');
    expect(releasePhotos(content).map((placed) => placed.photoId)).toEqual(['c'.repeat(64), 'b'.repeat(64)]);
    expect(releaseSearchText(content)).toEqual({ headline: '', subheadline: '', body: 'One\nTwo', captions: 'Quay Office\nQuay Office' });
  });

  it('walks every block once, in reading order, wherever it sits', () => {
    const body = withBody([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Background' }] },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [paragraph('First berth'), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('Nested')] }] }],
          },
        ],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'Line one' }, { type: 'hardBreak' }, { type: 'text', text: 'line two' }] },
    ]).body;
    expect(textBlocks(body).map((block) => [block.text, block.place.path.join('.')])).toEqual([
      ['Background', '0'],
      ['First berth', '1.0.0'],
      ['Nested', '1.0.1.0.0'],
      ['Line one\nline two', '2'],
    ]);
  });

  it('counts the body block by block, as the editor does, to the same total', () => {
    const body = withBody([
      paragraph('The quay opened.'),
      { type: 'blockquote', content: [paragraph('A proud day'), paragraph('for the city')] },
      { type: 'figure', attrs: { photoId: 'b'.repeat(64), caption: 'Not counted', credit: '', alt: '' } },
    ]).body;
    const perBlock = body.content!.map(countBodyBlock);
    expect(perBlock.map((counts) => counts.words)).toEqual([3, 6, 0]);
    expect(countBody(body)).toEqual({ words: 9, characters: perBlock.reduce((sum, counts) => sum + counts.characters, 0) });
    expect(countBody(body).words).toBe(countText(bodyPlainText(body)).words);
  });

  it('lists links with their addresses, a link split by formatting or a comment anchor as one', () => {
    const link = (href: string) => ({ type: 'link', attrs: { href } });
    const body = withBody([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'the full ', marks: [link('https://harbour.example/t')] },
          { type: 'text', text: 'timetable', marks: [link('https://harbour.example/t'), { type: 'bold' }] },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'us', marks: [link('mailto:press@harbour.example')] },
        ],
      },
    ]).body;
    expect(bodyLinks(body)).toEqual([
      { text: 'the full timetable', href: 'https://harbour.example/t' },
      { text: 'us', href: 'mailto:press@harbour.example' },
    ]);
  });
});

describe('the dateline rule', () => {
  const heading = (text: string) => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] });
  const leadOf = (...content: unknown[]) => datelineBlockIndexOf(withBody(content).body);

  it('leads the first paragraph of body text, never a subheading, list, quote or photo before it', () => {
    expect(leadOf(paragraph('The quay opened.'))).toBe(0);
    expect(leadOf(heading('Background'), paragraph('The quay opened.'))).toBe(1);
    expect(leadOf({ type: 'blockquote', content: [paragraph('“A proud day”')] }, paragraph('The quay opened.'))).toBe(1);
    expect(leadOf({ type: 'paragraph' }, paragraph('The quay opened.'))).toBe(1);
    // A new release: nothing typed yet, the dateline waits in the empty paragraph.
    expect(leadOf({ type: 'paragraph' })).toBe(0);
    // No paragraph at all: the dateline stands alone before the body.
    expect(leadOf(heading('Background'))).toBe(-1);
  });
});

describe('release line', () => {
  it('is written the same way everywhere, with its time zone', () => {
    expect(releaseLineText({ language: 'en', releaseLine: { kind: 'immediate' } })).toBe('FOR IMMEDIATE RELEASE');
    expect(
      releaseLineText(
        { language: 'en', releaseLine: { kind: 'embargoed', date: '2026-12-01', time: '09:30', timeZone: 'Asia/Dubai' } },
        'ap',
      ),
    ).toBe('EMBARGOED UNTIL Dec. 1, 2026, 09:30 (Asia/Dubai)');
    expect(releaseLineText({ language: 'ar', releaseLine: { kind: 'immediate' } })).toBe('للنشر الفوري');
  });
});
