import { emptyReleaseContent, type ReleaseContent } from '@shared/release/content';
import { fieldPatch, fieldPaths, releaseField } from '@shared/release/fields';
import { maxBodyBytes, utf8Length } from '@shared/release/limits';
import { photoTextLimits } from '@shared/release/photo';

/** A release with just what a test sets; outside vitest too (a child process that saves). */
export function releaseContent(overrides: Partial<ReleaseContent> & { bodyText?: string[] } = {}): ReleaseContent {
  const { bodyText, ...rest } = overrides;
  const body: ReleaseContent['body'] = bodyText
    ? { type: 'doc', content: bodyText.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) }
    : emptyReleaseContent().body;
  return { ...emptyReleaseContent(), body, ...rest };
}

/**
 * The largest release the schema accepts, as JSON: every text field at its
 * limit, and the body as near its limit in bytes as whole paragraphs allow,
 * all in control characters, which JSON writes as six bytes each (\u0001).
 */
export function largestRelease(photoId: string): ReleaseContent {
  const worst = (length: number) => '\u0001'.repeat(length);
  let content: ReleaseContent = {
    ...emptyReleaseContent(),
    releaseLine: { kind: 'embargoed', date: '2026-12-01', time: '09:30', timeZone: 'America/Argentina/ComodRivadavia' },
    dateline: { city: '', date: '2026-09-26' },
    leadPhoto: {
      photoId,
      caption: worst(photoTextLimits.caption),
      credit: worst(photoTextLimits.credit),
      alt: worst(photoTextLimits.alt),
    },
  };
  for (const path of fieldPaths) {
    const field = releaseField(path);
    if (field.kind === 'text') content = { ...content, ...fieldPatch(content, path, worst(field.maxLength)) };
  }
  const paragraph = (length: number) => ({ type: 'paragraph', content: [{ type: 'text', text: worst(length) }] });
  const body = { type: 'doc', content: [] as ReturnType<typeof paragraph>[] };
  const perParagraph = utf8Length(JSON.stringify(paragraph(0))) + 1;
  let left = maxBodyBytes - utf8Length(JSON.stringify(body));
  while (left >= perParagraph + 6) {
    const length = Math.min(10_000, Math.floor((left - perParagraph) / 6));
    body.content.push(paragraph(length));
    left -= perParagraph + 6 * length;
  }
  return { ...content, body: body as ReleaseContent['body'] };
}
