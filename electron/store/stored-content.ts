import { failWith } from '@shared/api/result';
import type { ReleaseContent } from '@shared/release/content';

/**
 * A release's JSON as stored, or null when it no longer reads as a release (a
 * damaged page, an edit outside Dateline). Only the shape is checked, not the
 * whole schema: a release saved under an older, looser rule must still open,
 * and what is returned is exactly what was stored, so its approval hash holds.
 */
export function parseStoredContent(text: string): ReleaseContent | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const candidate = json as Partial<Record<keyof ReleaseContent, unknown>> | null;
  const readsAsRelease =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.headline === 'string' &&
    typeof candidate.body === 'object' &&
    (candidate.body as { type?: unknown } | null)?.type === 'doc';
  return readsAsRelease ? (json as ReleaseContent) : null;
}

/** For a workflow action or an export: a release whose stored text is damaged waits until it is restored. */
export function readableContent(text: string): ReleaseContent {
  return (
    parseStoredContent(text) ??
    failWith('refused', 'This release’s stored text is damaged. Open it to restore its last readable version first.')
  );
}
