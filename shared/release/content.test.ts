import { describe, expect, it } from 'vitest';
import { emptyReleaseContent, releaseContentSchema, type ReleaseContent } from './content';
import { formatDateline } from './dateline';
import { isSafeLinkUrl, normaliseLinkInput } from './links';
import { bodyPlainText, countText, releasePhotos } from './text';

const withBody = (content: unknown[]): ReleaseContent => ({ ...emptyReleaseContent(), body: { type: 'doc', content } as ReleaseContent['body'] });
const paragraph = (text: string, marks?: unknown[]) => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] });
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
    expect(failureOf({ ...emptyReleaseContent(), releaseLine: { kind: 'embargoed', date: '2026-02-30', time: '', timeZone: 'UTC' } })).toMatch(/not a real date/);
  });

  it('refuses links that are not web pages or email addresses', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'vbscript:x']) {
      expect(failureOf(withBody([paragraph('x', [{ type: 'link', attrs: { href } }])])), href).toMatch(/http, https or mailto/);
    }
  });

  it('refuses content the body cannot hold', () => {
    expect(failureOf(withBody([{ type: 'script', content: [] }]))).toMatch(/not a kind of content/);
    expect(failureOf(withBody([{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'x' }] }]))).toMatch(/level 2 or 3/);
    expect(failureOf(withBody([{ type: 'figure', attrs: { photoId: '../../etc', caption: '', credit: '', alt: '' } }]))).toMatch(/photo id/);
    expect(failureOf(withBody([{ type: 'listItem', content: [paragraph('loose')] }]))).toMatch(/not well formed/);
    expect(failureOf(withBody([paragraph('x', [{ type: 'link', attrs: { href: 'https://a.example', onclick: 'x' } }])]))).toMatch(/onclick/);
  });

  it('refuses a body nested deeper than any real release', () => {
    let node: unknown = paragraph('deep');
    for (let level = 0; level < 5000; level++) node = { type: 'blockquote', content: [node] };
    expect(failureOf(withBody([node]))).toMatch(/nested more than 32 levels/);
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
  });
});
