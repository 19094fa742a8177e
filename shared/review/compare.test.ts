import { describe, expect, it } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import { emptyReleaseContent, type PhotoPlacement, type ReleaseContent } from '../release/content';
import { canonicalContent } from './canonical';
import { compareContent, type FieldDiff } from './compare';

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const link = (href: string) => [{ type: 'link', attrs: { href } }];
const figure = (photo: PhotoPlacement): JSONContent => ({ type: 'figure', attrs: { dir: 'auto', ...photo } });
const photo = (letter: string, caption: string): PhotoPlacement => ({
  photoId: letter.repeat(64),
  caption,
  credit: 'Media Office',
  alt: `${caption}, seen from the water`,
});

const quay = photo('a', 'The eastern quay');
const cranes = photo('b', 'Cranes at dawn');
const release = (...body: JSONContent[]): ReleaseContent => ({
  ...emptyReleaseContent(),
  headline: 'Harbour authority opens the eastern quay',
  dateline: { city: 'Abu Dhabi', date: '2026-09-26' },
  body: { type: 'doc', content: body },
});
const base = release(
  paragraph(text('The quay opened today. Details are in '), text('the timetable', link('https://harbour.example/timetable')), text('.')),
  figure(quay),
  paragraph(text('More to come.')),
);

/** The changed parts, as a reviewer reads them: "label: what (before → after)". */
const report = (fields: FieldDiff[]) =>
  fields
    .filter((field) => field.changed)
    .flatMap((field) => field.changes.map((change) => `${field.label}: ${change.what} (${change.before ?? '–'} → ${change.after ?? '–'})`));
const changedLabels = (fields: FieldDiff[]) => fields.filter((field) => field.changed).map((field) => field.label);

describe('compare', () => {
  it('finds nothing between identical content, however it was built', () => {
    expect(changedLabels(compareContent(base, structuredClone(base)))).toEqual([]);
    // An inline comment is not a change.
    const commented = structuredClone(base);
    commented.body.content![2] = paragraph(
      text('More to come.', [{ type: 'comment', attrs: { commentId: '0b7e6d2c-1111-4a4a-9b9b-123456789abc' } }]),
    );
    expect(changedLabels(compareContent(base, commented))).toEqual([]);
  });

  it('reports a link whose words stayed but whose address changed, old and new', () => {
    const phished = release(
      paragraph(
        text('The quay opened today. Details are in '),
        text('the timetable', link('https://harbour-example.top/login')),
        text('.'),
      ),
      figure(quay),
      paragraph(text('More to come.')),
    );
    expect(report(compareContent(base, phished))).toEqual([
      'Links: Link “the timetable”: the address changed (https://harbour.example/timetable → https://harbour-example.top/login)',
    ]);
    expect(changedLabels(compareContent(base, phished))).toEqual(['Links']);
  });

  it('reports links added and removed', () => {
    const added = release(
      paragraph(
        text('The quay opened today. Details are in '),
        text('the timetable', link('https://harbour.example/timetable')),
        text('. Write to '),
        text('us', link('mailto:press@harbour.example')),
      ),
      figure(quay),
      paragraph(text('More to come.')),
    );
    expect(report(compareContent(base, added))).toContain('Links: Link added: “us” (– → mailto:press@harbour.example)');
    expect(report(compareContent(added, base))).toContain('Links: Link removed: “us” (mailto:press@harbour.example → –)');
  });

  it('reports a swapped photo by its caption, even when the caption was kept', () => {
    const swapped = structuredClone(base);
    swapped.body.content![1] = figure({ ...quay, photoId: 'c'.repeat(64) });
    expect(report(compareContent(base, swapped))).toEqual([
      `Photos in the body: “The eastern quay” (photo 1 in the body) replaced by a different image (Caption: The eastern quay · Credit: Media Office · Alt text: The eastern quay, seen from the water → Caption: The eastern quay · Credit: Media Office · Alt text: The eastern quay, seen from the water)`,
    ]);
  });

  it('reports a changed alt text, caption or credit on the same photo', () => {
    const edited = structuredClone(base);
    edited.body.content![1] = figure({ ...quay, alt: 'An empty quay', credit: 'Port photographer' });
    expect(report(compareContent(base, edited))).toEqual([
      'Photos in the body: “The eastern quay” (photo 1 in the body): credit (Media Office → Port photographer)',
      'Photos in the body: “The eastern quay” (photo 1 in the body): alt text (The eastern quay, seen from the water → An empty quay)',
    ]);
  });

  it('reports photos added and removed, and the lead photo', () => {
    const more = structuredClone(base);
    more.body.content!.push(figure(cranes));
    more.leadPhoto = cranes;
    expect(report(compareContent(base, more))).toEqual([
      'Lead photo: Lead photo added (– → Caption: Cranes at dawn · Credit: Media Office · Alt text: Cranes at dawn, seen from the water)',
      'Photos in the body: Photo added: “Cranes at dawn” (photo 2 in the body) (– → Caption: Cranes at dawn · Credit: Media Office · Alt text: Cranes at dawn, seen from the water)',
    ]);
    expect(report(compareContent(more, base))).toContain(
      'Photos in the body: Photo removed: “Cranes at dawn” (photo 2 in the body) (Caption: Cranes at dawn · Credit: Media Office · Alt text: Cranes at dawn, seen from the water → –)',
    );
  });

  it('reports the release line, the dateline and the language', () => {
    const changed: ReleaseContent = {
      ...base,
      language: 'ar',
      releaseLine: { kind: 'embargoed', date: '2026-12-01', time: '09:30', timeZone: 'Asia/Dubai' },
      dateline: { city: 'Dubai', date: '2026-09-26' },
    };
    const fields = compareContent(base, changed);
    expect(changedLabels(fields)).toEqual(['Language', 'Release line', 'Dateline']);
    expect(report(fields)).toEqual(['Language: Language (English → Arabic)']);
    const words = (label: string, change: 'added' | 'removed') =>
      fields
        .find((field) => field.label === label)!
        .parts.filter((part) => part.change === change)
        .map((part) => part.text)
        .join('');
    expect(words('Release line', 'added')).toContain('(Asia/Dubai)');
    expect(words('Dateline', 'removed')).toContain('Abu Dhabi');
    expect(words('Dateline', 'added')).toContain('Dubai');
  });

  it('keeps the word-by-word diff of the text', () => {
    const edited = structuredClone(base);
    edited.body.content![2] = paragraph(text('More to come from the east pier.'));
    const body = compareContent(base, edited).find((field) => field.label === 'Body')!;
    expect(body.parts.filter((part) => part.change === 'added').map((part) => part.text.trim())).toEqual(['from the east pier']);
  });

  it('never calls two versions the same when what is approved differs', () => {
    const variants: ((content: ReleaseContent) => void)[] = [
      (content) => (content.body.content![0]!.content![0]!.marks = [{ type: 'bold' }]),
      (content) => (content.body.content![2] = { type: 'heading', attrs: { level: 2 }, content: [text('More to come.')] }),
      (content) => (content.headline += ' '),
      (content) => (content.dateline.city = 'ABU DHABI'),
    ];
    for (const change of variants) {
      const after = structuredClone(base);
      change(after);
      expect(canonicalContent(after)).not.toBe(canonicalContent(base));
      expect(changedLabels(compareContent(base, after)).length, change.toString()).toBeGreaterThan(0);
    }
  });
});
