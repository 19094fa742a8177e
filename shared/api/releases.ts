import { z } from 'zod';
import { releaseContentSchema, savedReleaseContentSchema } from '../release/content';
import { releaseStatusSchema, reviewActionSchema } from '../review/workflow';
import { method } from './define';

export const releaseIdSchema = z.uuid('must be a release id');

const releaseMetadata = {
  id: releaseIdSchema,
  version: z.number().int().positive(),
  status: releaseStatusSchema,
  authorId: z.number().int(),
  authorName: z.string(),
  lastEditorId: z.number().int(),
  lastEditorName: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  trashedAt: z.iso.datetime().nullable(),
  /** When the status last changed, and by whom: for a release in review, its submission. */
  statusChangedAt: z.string().nullable(),
  statusChangedByName: z.string().nullable(),
};

export const releaseSummarySchema = z.object({
  ...releaseMetadata,
  headline: z.string(),
  datelineDate: z.string(),
  language: releaseContentSchema.shape.language,
});

/** Present only while the approval's content hash matches the content: a stale approval is never shown. */
const approvalSchema = z.object({ approverName: z.string(), approvedAt: z.string() }).nullable();

export const releaseSchema = z.object({
  ...releaseMetadata,
  content: savedReleaseContentSchema,
  approval: approvalSchema,
});

export type ReleaseSummary = z.infer<typeof releaseSummarySchema>;
export type Release = z.infer<typeof releaseSchema>;

const byId = z.object({ id: releaseIdSchema }).strict();
const done = z.object({});

export const releaseMethods = {
  listReleases: method(
    z.object({ view: z.enum(['active', 'trash']), query: z.string().max(200).optional() }).strict(),
    z.array(releaseSummarySchema),
  ),
  /** With content: a copy of work that could not be saved over a newer version. */
  /**
   * `id`, chosen by the caller, makes a retried create (its first answer lost on
   * the way back) land on the release the first one made instead of making a second.
   */
  createRelease: method(z.object({ id: releaseIdSchema.optional(), content: releaseContentSchema.optional() }).strict(), releaseSchema, {
    carries: 'release',
  }),
  getRelease: method(byId, releaseSchema),
  /**
   * Refused with a conflict when baseVersion is no longer the current version.
   * A save can change the state (an edit lapses an approval, editing back to the
   * approved content restores it), so it returns the state and approval after it.
   */
  saveRelease: method(
    z.object({ id: releaseIdSchema, baseVersion: z.number().int().positive(), content: releaseContentSchema }).strict(),
    z.object({ version: z.number().int().positive(), updatedAt: z.iso.datetime(), status: releaseStatusSchema, approval: approvalSchema }),
    { carries: 'release' },
  ),
  duplicateRelease: method(byId, releaseSchema),
  trashRelease: method(byId, done),
  restoreRelease: method(byId, done),
  /** Submit, approve, request changes, recall, withdraw or reopen; checked against the workflow in the main process. */
  transitionRelease: method(
    z
      .object({
        id: releaseIdSchema,
        action: reviewActionSchema.exclude(['release']),
        baseVersion: z.number().int().positive(),
        comment: z.string().max(5000).optional(),
        reason: z.string().max(2000).optional(),
      })
      .strict(),
    releaseSchema,
  ),
  /** Releases in review, oldest submission first. */
  reviewQueue: method(z.object({}).strict(), z.array(releaseSummarySchema)),
};
