import { withoutComments } from '../release/body';
import type { ReleaseContent } from '../release/content';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * The content an approval is bound to, as one string: every field, photo ids,
 * captions and credits, in a fixed key order; inline-comment anchors left out,
 * since commenting is not changing.
 */
export function canonicalContent(content: ReleaseContent): string {
  return JSON.stringify(sortKeys({ ...content, body: withoutComments(content.body) }));
}
