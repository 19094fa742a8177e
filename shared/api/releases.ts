import { z } from 'zod';
import { releaseContentSchema } from '../release/content';
import { method } from './define';

export const releaseIdSchema = z.uuid('must be a release id');

/** Review states arrive with the review workflow; until then every release is a draft. */
export const releaseStatusSchema = z.enum(['draft']);
export type ReleaseStatus = z.infer<typeof releaseStatusSchema>;

const releaseMetadata = {
  id: releaseIdSchema,
  version: z.number().int().positive(),
  status: releaseStatusSchema,
  authorName: z.string(),
  lastEditorName: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  trashedAt: z.iso.datetime().nullable(),
};

export const releaseSummarySchema = z.object({
  ...releaseMetadata,
  headline: z.string(),
  datelineDate: z.string(),
  language: releaseContentSchema.shape.language,
});

export const releaseSchema = z.object({ ...releaseMetadata, content: releaseContentSchema });

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
  createRelease: method(z.object({ content: releaseContentSchema.optional() }).strict(), releaseSchema),
  getRelease: method(byId, releaseSchema),
  /** Refused with a conflict when baseVersion is no longer the current version. */
  saveRelease: method(
    z.object({ id: releaseIdSchema, baseVersion: z.number().int().positive(), content: releaseContentSchema }).strict(),
    z.object({ version: z.number().int().positive(), updatedAt: z.iso.datetime() }),
  ),
  duplicateRelease: method(byId, releaseSchema),
  trashRelease: method(byId, done),
  restoreRelease: method(byId, done),
};
