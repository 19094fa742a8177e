import type { JSONContent } from '@tiptap/core';
import { emptyReleaseContent, type ReleaseContent } from '../release/content';

// Representative releases for golden files, the export benchmark and the hostile-content tests.
export const samplePhotoId = 'a'.repeat(64);

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const item = (value: string): JSONContent => ({ type: 'listItem', content: [paragraph(text(value))] });
const body = (...content: JSONContent[]) => ({ type: 'doc', content }) as ReleaseContent['body'];

export const sampleReleases: Record<string, ReleaseContent> = {
  embargoed: {
    ...emptyReleaseContent(),
    releaseLine: { kind: 'embargoed', date: '2026-12-01', time: '09:30', timeZone: 'Asia/Dubai' },
    headline: 'Harbour authority opens the eastern quay',
    subheadline: 'Container capacity doubles ahead of schedule',
    dateline: { city: 'Abu Dhabi', date: '2026-09-26' },
    body: body(
      paragraph(text('The Harbour Authority today opened the eastern quay, doubling the port’s container capacity.')),
      paragraph(text('“This is a proud day for the city,” said the chair of the authority.')),
    ),
    boilerplate: 'About the Harbour Authority\nThe authority runs the city’s three ports.',
    mediaContact: 'Layla Nasser, Head of Media\n+971 2 000 0000\nmedia@harbour.example',
    signOff: 'Media Office',
  },
  arabic: {
    ...emptyReleaseContent(),
    language: 'ar',
    headline: 'افتتاح الرصيف الشرقي في الميناء',
    dateline: { city: 'أبوظبي', date: '2026-09-26' },
    body: body(
      paragraph(text('أعلنت هيئة الموانئ اليوم افتتاح الرصيف الشرقي.')),
      paragraph(text('وقال رئيس الهيئة: '), text('إنه يوم فخر للمدينة', [{ type: 'bold' }]), text('.')),
    ),
    boilerplate: 'نبذة عن هيئة الموانئ',
    signOff: 'المكتب الإعلامي',
  },
  photos: {
    ...emptyReleaseContent(),
    headline: 'Museum reopens its east wing',
    dateline: { city: 'Sharjah', date: '2026-08-03' },
    leadPhoto: { photoId: samplePhotoId, caption: 'The restored atrium', credit: 'Media Office', alt: 'A glass atrium with visitors' },
    body: body(
      paragraph(text('The east wing reopens on Saturday after two years of restoration.')),
      {
        type: 'figure',
        attrs: { photoId: samplePhotoId, caption: 'Conservators at work', credit: 'Sara Ali', alt: 'Two people restoring a mural' },
      },
      paragraph(text('Entry is free for the first month.')),
    ),
    signOff: 'Media Office',
  },
  'lists-and-links': {
    ...emptyReleaseContent(),
    headline: 'Ferry timetable for the winter season',
    subheadline: 'More sailings on weekends',
    dateline: { city: 'Muscat', date: '2026-10-15' },
    body: body(
      paragraph(
        text('The winter timetable starts on '),
        text('1 November', [{ type: 'bold' }]),
        text('. Details are in '),
        text('the full timetable', [{ type: 'link', attrs: { href: 'https://ferries.example/winter' } }]),
        text('.'),
      ),
      { type: 'heading', attrs: { level: 2 }, content: [text('What changes')] },
      { type: 'bulletList', content: [item('Hourly sailings from 6:00'), item('Late boats on Fridays')] },
      { type: 'orderedList', attrs: { start: 1 }, content: [item('Book online'), item('Show the ticket at the pier')] },
      { type: 'blockquote', content: [paragraph(text('“Winter is our busiest season,” said the operator.'))] },
      paragraph(
        text('Questions: '),
        text('press@ferries.example', [{ type: 'link', attrs: { href: 'mailto:press@ferries.example' } }, { type: 'italic' }]),
      ),
    ),
    mediaContact: 'Omar Said, Press Officer, press@ferries.example',
    signOff: 'Media Office',
    endMark: '-30-',
  },
};
