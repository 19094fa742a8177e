import { z } from 'zod';

/**
 * Every failure that crosses the process boundary is one of these kinds, so the
 * renderer can show a clear message for each without parsing strings.
 */
export const apiErrorKinds = [
  'invalid-input', // the request was malformed or a value is not allowed
  'not-found', // the release or photo does not exist
  'conflict', // the save was based on a version that is no longer current
  'refused', // the request is well formed but not allowed in the current state
  'storage', // the disk or database failed (full disk, read-only, corrupt)
  'unavailable', // the store could not be reached at all (host stopped, network)
  'internal', // a bug: logged in the main process, never shown raw
] as const;

export type ApiErrorKind = (typeof apiErrorKinds)[number];

export const apiErrorSchema = z.object({
  kind: z.enum(apiErrorKinds),
  message: z.string(),
  /** Dotted path of the offending input field, when one field is to blame. */
  field: z.string().optional(),
  /** For a conflict, or a damaged release: the version that is current now. */
  currentVersion: z.number().int().optional(),
  /** The failure may pass by itself (a busy or full disk, a store being restarted): trying again later can work. */
  passing: z.boolean().optional(),
  /** For a release whose stored text is damaged: the newest version that still reads, to restore. */
  lastReadableRevision: z.object({ id: z.number().int(), recordedAt: z.string(), actorName: z.string() }).optional(),
});

export type ApiError = z.infer<typeof apiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ApiError): Result<never> => ({ ok: false, error });

/** Thrown by handlers; the dispatcher turns it into a typed failure result. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
  }
}

export const failWith = (kind: ApiErrorKind, message: string, extra: Omit<ApiError, 'kind' | 'message'> = {}): never => {
  throw new ApiFailure({ kind, message, ...extra });
};

/** The schema of a whole result whose value has the given schema. */
export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: apiErrorSchema })]);

/** Human text for zod issues: the first issue, with the field it concerns. */
export function describeIssues(error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: 'The request is not valid.' };
  const field = issue.path.map(String).join('.');
  return field ? { message: `${field}: ${issue.message}`, field } : { message: issue.message };
}
