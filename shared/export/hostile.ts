import { emptyReleaseContent, type ReleaseContent } from '../release/content';

/** Strings that try to become markup or script; every one must come out as text. */
export const xssPayloads = [
  '<script>window.__xss = 1</script>',
  '"><img src=x onerror="window.__xss = 2">',
  "'><svg onload='window.__xss=3'>",
  '</title><script>window.__xss=4</script>',
  '<a href="javascript:window.__xss=5">click</a>',
  '<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>',
  '<style>@import url(http://evil.example/x.css)</style>',
  '&lt;script&gt;window.__xss=7&lt;/script&gt;',
  '<!-- --><script>window.__xss=8</script><!-- -->',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=9>',
];

/** A release with a hostile payload in every field, caption, credit and alt text, and in the body's text and list items. */
export function hostileRelease(photoId: string): ReleaseContent {
  const payload = (index: number) => xssPayloads[index % xssPayloads.length]!;
  return {
    ...emptyReleaseContent(),
    releaseLine: { kind: 'embargoed', date: '2026-12-01', time: '09:00', timeZone: 'Europe/London' },
    headline: payload(0),
    subheadline: payload(1),
    dateline: { city: payload(2), date: '2026-12-01' },
    leadPhoto: { photoId, caption: payload(3), credit: payload(4), alt: payload(5) },
    body: {
      type: 'doc',
      content: [
        ...xssPayloads.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: payload(6) }] },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: payload(7) }] }] }],
        },
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: payload(8),
              marks: [{ type: 'link', attrs: { href: 'https://example.org/?q="><script>window.__xss=10</script>' } }],
            },
          ],
        },
        { type: 'figure', attrs: { photoId, caption: payload(9), credit: payload(0), alt: payload(1) } },
      ],
    } as ReleaseContent['body'],
    boilerplate: payload(2),
    mediaContact: payload(3),
    signOff: payload(4),
    endMark: '###',
  };
}
