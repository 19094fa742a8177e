import { failWith } from '@shared/api/result';
import type { teamMethods } from '@shared/api/team';
import type { z } from 'zod';
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

const signedIn = ({ caller }: TeamCallContext): Caller =>
  caller ?? failWith('refused', 'Sign in to the team server first (or again: the session has ended).');
const administrator = (context: TeamCallContext): Caller => {
  const caller = signedIn(context);
  return caller.person.admin ? caller : failWith('refused', 'Only an administrator of the team server can do that.');
};

/** The team contract, implemented once over the store; who acts is always the session's person. */
export function createTeamHandlers(store: TeamStore): TeamHandlers {
  return {
    signIn: ({ name, password }, { source }) => store.signIn(name, password, source),
    signOut: (_input, context) => (store.signOut(signedIn(context)), {}),
    whoAmI: (_input, context) => signedIn(context).person,
    listPeople: (_input, context) => (signedIn(context), store.listPeople()),
    addPerson: (input, context) => store.addPerson(administrator(context), input),
    setRole: ({ personId, role, admin }, context) => store.setRole(administrator(context), personId, role, admin),
    setDisabled: ({ personId, disabled }, context) => store.setDisabled(administrator(context), personId, disabled),
    listSessions: (_input, context) => store.listSessions(signedIn(context)),
    revokeSession: ({ sessionId }, context) => (store.revokeSession(signedIn(context), sessionId), {}),
    listTeamAudit: (_input, context) => (administrator(context), store.listAudit()),
  };
}
