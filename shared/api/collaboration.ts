import { z } from 'zod';
import { method } from './define';
import { releaseIdSchema } from './releases';

/**
 * How the editor reaches a release's Yjs document (release-doc.ts) in the
 * backend, which keeps its log on disk and, signed in to a team server, syncs
 * it. The page holds a copy for TipTap and exchanges updates with the backend:
 * it pushes what was typed here and pulls what it lacks (with a state vector),
 * waiting at most waitMs for something new, so others' words and carets arrive
 * as they happen without the page ever holding the team session.
 *
 * A release becomes collaborative when it joins a team (made while signed in,
 * or uploaded at sign-in); a solo release keeps the whole-release saves of
 * saveRelease.
 */
const bytes = z.instanceof(Uint8Array);

export const syncStatusSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('solo') }),
  z.object({
    mode: z.literal('team'),
    server: z.string(),
    /** The sync socket is open and the session stands. */
    online: z.boolean(),
    /** Edits and workflow commands made here that the server has not acknowledged yet. */
    waiting: z.number().int().nonnegative(),
    /** Why it is offline, in words to pass on; null while online. */
    reason: z.string().nullable(),
  }),
]);
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const collaborationMethods = {
  /** The document as the backend has it; collaborative false means the release is saved whole (saveRelease). */
  openReleaseDoc: method(
    z.object({ id: releaseIdSchema }).strict(),
    z.discriminatedUnion('collaborative', [
      z.object({ collaborative: z.literal(false) }),
      z.object({ collaborative: z.literal(true), update: bytes }),
    ]),
  ),
  /** Edits made in the page, as one Yjs update; kept on disk before the answer. */
  pushReleaseUpdate: method(z.object({ id: releaseIdSchema, update: bytes }).strict(), z.object({}), { carries: 'release' }),
  /**
   * What the page lacks (the update against its state vector) and others'
   * presence (a y-protocols awareness update), after at most waitMs; the page's
   * own presence rides along in awareness.
   */
  pullReleaseUpdate: method(
    z
      .object({
        id: releaseIdSchema,
        stateVector: bytes,
        awareness: bytes.nullable(),
        waitMs: z.number().int().min(0).max(25_000),
      })
      .strict(),
    z.object({ update: bytes.nullable(), awareness: bytes.nullable() }),
  ),
  syncStatus: method(z.object({}).strict(), syncStatusSchema),
};
