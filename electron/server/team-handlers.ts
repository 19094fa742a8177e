import { failWith } from '@shared/api/result';
import type { teamMethods } from '@shared/api/team';
import type { z } from 'zod';
import type { ApprovalSigner } from './approval-signature';
import type { TeamReleases } from './team-releases-store';
import type { Caller, TeamStore } from './team-store';

/** What the transport knows of a call: the session its token opened (null without one) and where it came from. */
export interface TeamCallContext {
  caller: Caller | null;
  source: string;
}

type Methods = typeof teamMethods;
export type TeamHandlers = {
  [M in keyof Methods]: (input: z.output<Methods[M]['input']>, context: TeamCallContext) => unknown;
};

export interface TeamServices {
  store: TeamStore;
  releases: TeamReleases;
  signer: ApprovalSigner;
  /** Said after a session ended (signed out, revoked, an account disabled), so its open sync sockets close now. */
  sessionsEnded: () => void;
}

const signedIn = ({ caller }: TeamCallContext): Caller =>
  caller ?? failWith('refused', 'Sign in to the team server first (or again: the session has ended).');
const administrator = (context: TeamCallContext): Caller => {
  const caller = signedIn(context);
  return caller.person.admin ? caller : failWith('refused', 'Only an administrator of the team server can do that.');
};

/** The team contract, implemented once over the stores; who acts is always the session's person. */
export function createTeamHandlers({ store, releases, signer, sessionsEnded }: TeamServices): TeamHandlers {
  const endingSessions = <T>(result: T): T => (sessionsEnded(), result);
  return {
    signIn: ({ name, password }, { source }) => store.signIn(name, password, source),
    signOut: (_input, context) => (store.signOut(signedIn(context)), endingSessions({})),
    whoAmI: (_input, context) => signedIn(context).person,
    listPeople: (_input, context) => (signedIn(context), store.listPeople()),
    addPerson: (input, context) => store.addPerson(administrator(context), input),
    setRole: ({ personId, role, admin }, context) => store.setRole(administrator(context), personId, role, admin),
    setDisabled: ({ personId, disabled }, context) => endingSessions(store.setDisabled(administrator(context), personId, disabled)),
    listSessions: (_input, context) => store.listSessions(signedIn(context)),
    revokeSession: ({ sessionId }, context) => (store.revokeSession(signedIn(context), sessionId), endingSessions({})),
    listTeamAudit: (_input, context) => (administrator(context), store.listAudit()),

    serverKey: (_input, context) => (signedIn(context), { publicKey: signer.publicKey }),
    teamReleases: ({ view }, context) => (signedIn(context), releases.list(view)),
    teamRelease: ({ id }, context) => (signedIn(context), releases.get(id)),
    registerRelease: ({ commandId, id }, context) => releases.register(signedIn(context), commandId, id),
    teamReleaseAction: (input, context) => releases.act(signedIn(context), input),
    teamReleaseExported: ({ commandId, id, contentSha256 }, context) => releases.exported(signedIn(context), commandId, id, contentSha256),
    teamComments: ({ releaseId }, context) => (signedIn(context), releases.comments(releaseId)),
    teamAddComment: (input, context) => releases.addComment(signedIn(context), input),
    teamChangeComment: ({ commandId, id, change }, context) => releases.changeComment(signedIn(context), commandId, id, change),
    teamPutPhoto: ({ bytes }, context) => (signedIn(context), releases.putPhoto(bytes)),
    teamGetPhoto: ({ id }, context) => (signedIn(context), releases.getPhoto(id)),
  };
}
