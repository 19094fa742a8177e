import { z } from 'zod';
import { releaseStatusSchema, reviewActionSchema } from '../review/workflow';
import { commentIdSchema, commentSchema } from './comments';
import { method, type MethodSpec } from './define';
import { photoIdSchema } from '../release/photo';
import { releaseIdSchema } from './releases';
import { personIdSchema } from './session';

/**
 * The team server's releases: their workflow, comments and approvals. The
 * words themselves travel as Yjs updates over the sync socket (Hocuspocus, at
 * /sync); everything here has per-person rules a CRDT cannot enforce, so the
 * server decides it, for the session's person only.
 *
 * Every call that changes something carries a command id chosen by the client
 * when the person acted: a command queued offline and replayed on reconnect
 * (perhaps twice, if an answer was lost) is done once; the second time the
 * server answers as it did the first.
 */
export const commandIdSchema = z.uuid('must be a command id');

/** SHA-256 of canonicalContent (shared/review/canonical.ts) in lower-case hex. */
export const contentHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex');

/**
 * An approval as the server signed it (Ed25519 over approvalStatement). A
 * client checks the signature with the server key it pinned at sign-in, and the
 * hash against the content it is about to export, before a final export.
 */
export const signedApprovalSchema = z.object({
  releaseId: releaseIdSchema,
  contentSha256: contentHashSchema,
  approverId: personIdSchema,
  approverName: z.string(),
  approvedAt: z.iso.datetime(),
  /** Base64 of the 64-byte Ed25519 signature. */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be an Ed25519 signature in base64'),
});
export type SignedApproval = z.infer<typeof signedApprovalSchema>;

/** The exact bytes an approval's signature covers: one line per part, in a fixed order, so no two approvals read alike. */
export const approvalStatement = (approval: Omit<SignedApproval, 'signature'>): string =>
  [
    'dateline-approval-v1',
    approval.releaseId,
    approval.contentSha256,
    String(approval.approverId),
    approval.approverName,
    approval.approvedAt,
  ].join('\n');

export const teamReleaseSchema = z.object({
  id: releaseIdSchema,
  status: releaseStatusSchema,
  authorId: personIdSchema,
  authorName: z.string(),
  /** Read off the server's copy of the document. */
  headline: z.string(),
  contentSha256: contentHashSchema,
  updatedAt: z.iso.datetime(),
  statusChangedAt: z.iso.datetime().nullable(),
  statusChangedByName: z.string().nullable(),
  /**
   * Everyone whose edits reached the server since a reviewer last looked at the
   * release (approved it or requested changes), so everyone with words in the
   * version now under review: none of them may approve it.
   */
  changedSinceSubmissionBy: z.array(personIdSchema),
  /** The latest approval, present only while it matches the server's content. */
  approval: signedApprovalSchema.nullable(),
});
export type TeamRelease = z.infer<typeof teamReleaseSchema>;

const byRelease = z.object({ id: releaseIdSchema }).strict();
const withCommand = { commandId: commandIdSchema };

export const teamReleaseMethods = {
  /** The key approvals are signed with: Ed25519, SubjectPublicKeyInfo DER in base64. A client pins it at sign-in. */
  serverKey: method(z.object({}).strict(), z.object({ publicKey: z.string() })),
  /** review: in review, oldest submission first, for reviewers; active: everything not withdrawn, newest first. */
  teamReleases: method(z.object({ view: z.enum(['active', 'review']) }).strict(), z.array(teamReleaseSchema)),
  teamRelease: method(byRelease, teamReleaseSchema),
  /**
   * Makes the release known to the server with the caller as its author, before
   * its document is synced; done again with the same id by the same author, it
   * changes nothing. Another person's id is refused as a conflict.
   */
  registerRelease: method(z.object({ ...withCommand, id: releaseIdSchema }).strict(), teamReleaseSchema),
  /**
   * Submit, approve, request changes, recall, withdraw or reopen. contentSha256
   * is the content the person saw when acting: if the server's differs (words
   * arrived since), the action is refused and nothing changes.
   */
  teamReleaseAction: method(
    z
      .object({
        ...withCommand,
        id: releaseIdSchema,
        action: reviewActionSchema.exclude(['release']),
        contentSha256: contentHashSchema,
        comment: z.string().max(5000).optional(),
        reason: z.string().max(2000).optional(),
      })
      .strict(),
    teamReleaseSchema,
  ),
  /** Records a final export of approved content, which makes the release Released. */
  teamReleaseExported: method(
    z.object({ ...withCommand, id: releaseIdSchema, contentSha256: contentHashSchema }).strict(),
    teamReleaseSchema,
  ),
  teamComments: method(z.object({ releaseId: releaseIdSchema }).strict(), z.array(commentSchema)),
  teamAddComment: method(
    z
      .object({
        ...withCommand,
        releaseId: releaseIdSchema,
        id: commentIdSchema,
        text: z.string().trim().min(1, 'a comment needs some text').max(5000),
        inline: z.boolean(),
        quote: z.string().max(2000),
      })
      .strict(),
    commentSchema,
  ),
  teamChangeComment: method(
    z
      .object({
        ...withCommand,
        id: commentIdSchema,
        change: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('edit'), text: z.string().trim().min(1, 'a comment needs some text').max(5000) }).strict(),
          z.object({ kind: z.literal('delete') }).strict(),
          z.object({ kind: z.literal('resolve'), resolved: z.boolean() }).strict(),
        ]),
      })
      .strict(),
    z.object({}),
  ),
  /**
   * Photos travel beside the document, which holds only their ids: stored once
   * by SHA-256 (the id), checked like a local photo, fetched by whoever lacks one.
   */
  teamPutPhoto: method(
    z.object({ bytes: z.instanceof(Uint8Array, { message: 'must be the bytes of an image' }) }).strict(),
    z.object({ id: photoIdSchema }),
    {
      carries: 'photo',
    },
  ),
  teamGetPhoto: method(z.object({ id: photoIdSchema }).strict(), z.object({ bytes: z.instanceof(Uint8Array) })),
} satisfies Record<string, MethodSpec>;
