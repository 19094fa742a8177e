import { emptyReleaseContent, type ReleaseContent } from '@shared/release/content';

/** A release with just what a test sets; outside vitest too (a child process that saves). */
export function releaseContent(overrides: Partial<ReleaseContent> & { bodyText?: string[] } = {}): ReleaseContent {
  const { bodyText, ...rest } = overrides;
  const body: ReleaseContent['body'] = bodyText
    ? { type: 'doc', content: bodyText.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) }
    : emptyReleaseContent().body;
  return { ...emptyReleaseContent(), body, ...rest };
}
