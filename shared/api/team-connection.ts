import { z } from 'zod';
import { method } from './define';
import { personSchema } from './session';
import { passwordSchema, teamMethods, teamPersonSchema } from './team';

/**
 * Where the team server is: its http(s) address, as `npm run server` prints it
 * or as a proxy serves it. Only an origin and a path, so that nothing in it
 * (a user name, a query) rides along with every call.
 */
export const teamServerAddressSchema = z
  .string()
  .trim()
  .min(1, 'the team server’s address is needed, such as https://team.example.org')
  .max(2048)
  .superRefine((address, context) => {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      context.addIssue({ code: 'custom', message: 'write the whole address, such as https://team.example.org' });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      context.addIssue({ code: 'custom', message: 'the address starts with https:// (or http:// on this machine)' });
    else if (url.username || url.password || url.search || url.hash)
      context.addIssue({ code: 'custom', message: 'the address has no name, password, ? or # in it' });
  })
  .transform((address) => address.replace(/\/+$/, ''));

const signedInSchema = { server: z.string(), person: teamPersonSchema };

export const teamConnectionStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-connected') }),
  z.object({ state: z.literal('connected'), ...signedInSchema }),
  /** The session is kept (and the person stays the team person), but the server did not answer this time. */
  z.object({ state: z.literal('unreachable'), ...signedInSchema, reason: z.string() }),
  /** The server ended the session (revoked, the account disabled, unused too long); it is forgotten here too. */
  z.object({ state: z.literal('signed-out'), server: z.string(), reason: z.string() }),
]);
export type TeamConnectionStatus = z.infer<typeof teamConnectionStatusSchema>;

export const teamConnectionSchema = z.object({
  status: teamConnectionStatusSchema,
  /** The desktop app keeps the session encrypted on disk; browser mode only in its host's memory, so a restart signs out. */
  survivesRestart: z.boolean(),
});
export type TeamConnection = z.infer<typeof teamConnectionSchema>;

/**
 * This Dateline's link to the office's team server. The backend signs in and
 * keeps the session's token; the page never sees it. While connected, the team
 * person is who is at the keyboard here, and switching person is refused.
 */
export const teamConnectionMethods = {
  teamConnection: method(z.object({}).strict(), teamConnectionSchema),
  connectTeam: method(
    z
      .object({
        address: teamServerAddressSchema,
        name: z.string().trim().min(1, 'your name on the team server is needed').max(80),
        // Checked by the server; only its bounds here, so a long one is not sent at all.
        password: z
          .string()
          .min(1, 'the password is needed')
          .max(passwordSchema.maxLength ?? 1024),
      })
      .strict(),
    /** person: who is now at the keyboard here, the local person of the team person's name. */
    z.object({ connection: teamConnectionSchema, person: personSchema }),
  ),
  /** serverReached: whether the server heard the sign-out; the session is forgotten here either way. */
  disconnectTeam: method(z.object({}).strict(), z.object({ serverReached: z.boolean() })),

  /*
   * The team server's administration, passed on with the held session: its
   * own schemas, and its own decision on who may (only an administrator adds
   * people, sets roles and disables accounts; anyone may see the people and
   * end their own sessions).
   */
  teamPeople: teamMethods.listPeople,
  teamAddPerson: teamMethods.addPerson,
  teamSetRole: teamMethods.setRole,
  teamSetDisabled: teamMethods.setDisabled,
  /** An administrator sees everyone's sessions; anyone else their own. */
  teamSessions: teamMethods.listSessions,
  teamRevokeSession: teamMethods.revokeSession,
  teamAudit: teamMethods.listTeamAudit,
};
