import { z } from 'zod';
import { method } from './define';
import { releaseIdSchema } from './releases';

export const commentIdSchema = z.uuid('must be a comment id');
const commentTextSchema = z.string().trim().min(1, 'a comment needs some text').max(5000);

export const commentSchema = z.object({
  id: commentIdSchema,
  text: z.string(),
  /** Anchored to a range of the body (a comment mark with this id), or part of the general thread. */
  inline: z.boolean(),
  /** The text the comment was anchored to when it was made. */
  quote: z.string(),
  authorId: z.number().int(),
  authorName: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
});
export type Comment = z.infer<typeof commentSchema>;

const done = z.object({});

export const commentMethods = {
  listComments: method(z.object({ releaseId: releaseIdSchema }).strict(), z.array(commentSchema)),
  /** An inline comment's id is chosen by the editor, which anchors the mark with it before saving. */
  addComment: method(
    z
      .object({
        releaseId: releaseIdSchema,
        id: commentIdSchema.optional(),
        text: commentTextSchema,
        inline: z.boolean(),
        quote: z.string().max(2000),
      })
      .strict(),
    z.object({ id: commentIdSchema }),
  ),
  editComment: method(z.object({ id: commentIdSchema, text: commentTextSchema }).strict(), done),
  deleteComment: method(z.object({ id: commentIdSchema }).strict(), done),
  resolveComment: method(z.object({ id: commentIdSchema, resolved: z.boolean() }).strict(), done),
};
