import { z } from 'zod';
import { roleSchema } from '../review/workflow';
import { method, type MethodSpec } from './define';
import { personIdSchema, personNameSchema } from './session';
import { teamReleaseMethods } from './team-releases';

/**
 * The team server's contract: who belongs to the office, their roles, and their
 * sessions. The server decides who is calling from the session token alone; no
 * input names the caller, and every schema is strict, so a request that claims
 * to be someone is refused rather than read.
 */
export const teamPersonSchema = z.object({
  id: personIdSchema,
  name: z.string(),
  role: roleSchema,
  /** Administrators add people, set roles, disable accounts and end sessions. */
  admin: z.boolean(),
  disabled: z.boolean(),
});
export type TeamPerson = z.infer<typeof teamPersonSchema>;

/** Long enough that guessing it online, at the server's pace for wrong passwords, takes longer than anyone has. */
export const passwordSchema = z
  .string()
  .min(10, 'passwords have at least 10 characters')
  .max(1024, 'passwords have at most 1,024 characters');

export const teamSessionSchema = z.object({
  id: z.number().int().positive(),
  personId: personIdSchema,
  personName: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  /** The address the session was opened from, as the server saw it. */
  from: z.string(),
  current: z.boolean(),
});
export type TeamSession = z.infer<typeof teamSessionSchema>;

export const teamAuditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.enum([
    'sign-in',
    'sign-in-failed',
    'sign-out',
    'add-person',
    'set-role',
    'disable',
    'enable',
    'revoke-session',
    'register-release',
    'submit',
    'approve',
    'request-changes',
    'recall',
    'withdraw',
    'reopen',
    'release',
    'approval-lapsed',
    'approval-current-again',
    /** A call the server turned down (details: the method, the release and the reason); nothing was changed. */
    'refused',
  ]),
  details: z.record(z.string(), z.unknown()),
});
export type TeamAuditEntry = z.infer<typeof teamAuditEntrySchema>;

const none = z.object({}).strict();

export const teamMethods = {
  /** The one call without a session: the answer's token goes with every later call. */
  signIn: method(
    z.object({ name: z.string().trim().min(1).max(80), password: z.string().min(1).max(1024) }).strict(),
    z.object({ token: z.string(), person: teamPersonSchema }),
  ),
  signOut: method(none, z.object({})),
  whoAmI: method(none, teamPersonSchema),
  listPeople: method(none, z.array(teamPersonSchema)),
  addPerson: method(
    z.object({ name: personNameSchema, role: roleSchema, admin: z.boolean().default(false), password: passwordSchema }).strict(),
    teamPersonSchema,
  ),
  setRole: method(z.object({ personId: personIdSchema, role: roleSchema, admin: z.boolean() }).strict(), teamPersonSchema),
  /** A disabled account cannot sign in, and every session it had ends. */
  setDisabled: method(z.object({ personId: personIdSchema, disabled: z.boolean() }).strict(), teamPersonSchema),
  /** An administrator sees everyone's sessions; anyone else their own. */
  listSessions: method(none, z.array(teamSessionSchema)),
  revokeSession: method(z.object({ sessionId: z.number().int().positive() }).strict(), z.object({})),
  listTeamAudit: method(none, z.array(teamAuditEntrySchema)),
  ...teamReleaseMethods,
} satisfies Record<string, MethodSpec>;

export type TeamMethodName = keyof typeof teamMethods;
