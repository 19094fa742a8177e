import { withoutComments } from '../release/body';
import type { ReleaseContent } from '../release/content';
import { fieldPatch, fieldPaths, fieldValue, releaseField } from '../release/fields';

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

/** A value as one string with its keys in a fixed order, so equal content gives equal strings. */
export const canonicalJson = (value: unknown) => JSON.stringify(sortKeys(value));

/**
 * The content an approval is bound to, as one string: every field the table
 * (fields.ts) marks as content, photo ids, captions, credits and alt text, link
 * addresses and formatting, in a fixed key order; inline-comment anchors left
 * out, since commenting is not changing. Its output must not change, or every
 * existing approval would go stale.
 */
export function canonicalContent(content: ReleaseContent): string {
  let approved: Partial<ReleaseContent> = {};
  for (const path of fieldPaths.filter((path) => releaseField(path).content)) {
    const value = path === 'body' ? withoutComments(content.body) : fieldValue(content, path);
    approved = { ...approved, ...fieldPatch(approved, path, value) };
  }
  return canonicalJson(approved);
}
