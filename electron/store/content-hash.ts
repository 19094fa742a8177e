import { createHash } from 'node:crypto';
import type { ReleaseContent } from '@shared/release/content';
import { canonicalContent } from '@shared/review/canonical';

/** SHA-256 of the canonical content: what an approval is bound to. */
export const hashContent = (content: ReleaseContent) => createHash('sha256').update(canonicalContent(content)).digest('hex');
