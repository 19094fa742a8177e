import { z } from 'zod';
import { savedReleaseContentSchema } from '../release/content';
import { releaseStatusSchema } from '../review/workflow';
import { method } from './define';
import { releaseIdSchema, releaseSchema } from './releases';

export const revisionSummarySchema = z.object({
  id: z.number().int().positive(),
  version: z.number().int().positive(),
  kind: z.enum(['created', 'edit', 'state', 'restore']),
  status: releaseStatusSchema,
  wordCount: z.number().int().nonnegative(),
  actorName: z.string(),
  startedAt: z.string(),
  recordedAt: z.string(),
  note: z.string(),
});
export type RevisionSummary = z.infer<typeof revisionSummarySchema>;

const revisionIdSchema = z.number().int().positive();

export const revisionMethods = {
  listRevisions: method(z.object({ releaseId: releaseIdSchema }).strict(), z.array(revisionSummarySchema)),
  getRevision: method(
    z.object({ releaseId: releaseIdSchema, revisionId: revisionIdSchema }).strict(),
    z.object({ content: savedReleaseContentSchema }),
  ),
  /** Restores in place as a new revision; refused if the release changed since baseVersion. */
  restoreRevision: method(
    z.object({ releaseId: releaseIdSchema, revisionId: revisionIdSchema, baseVersion: z.number().int().positive() }).strict(),
    releaseSchema,
  ),
};
