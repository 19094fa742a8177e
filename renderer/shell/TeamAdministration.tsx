import { useState, type FormEvent } from 'react';
import { activityLabels } from '@shared/api/activity';
import type { TeamAuditEntry, TeamPerson, TeamSession } from '@shared/api/team';
import type { Role } from '@shared/review/workflow';
import { useAction, useQuery } from '../data';
import { formatWhen } from '../format';
import { nameIssue } from '../person';
import { QueryFailure } from '../QueryFailure';
import { roleLabels, roleOptions } from './roles';

const shortestPassword = 10;

/**
 * The team server's people and sessions, as the signed-in person may see them.
 * Only an administrator gets the controls; the server refuses anyone else all
 * the same, so the read-only view is a courtesy, not the lock.
 */
export function TeamAdministration({ me, onTeamChanged }: { me: TeamPerson; onTeamChanged: () => void }) {
  // Disabling an account ends its sessions, so the sessions are asked again after every change to the people.
  const [peopleChanges, setPeopleChanges] = useState(0);
  return (
    <>
      <TeamPeople
        me={me}
        onChanged={(person) => {
          setPeopleChanges((count) => count + 1);
          if (person.id === me.id) onTeamChanged();
        }}
      />
      <TeamSessions admin={me.admin} refreshOn={peopleChanges} onOwnSessionEnded={onTeamChanged} />
      {me.admin && <TeamAudit refreshOn={peopleChanges} />}
    </>
  );
}

function TeamPeople({ me, onChanged }: { me: TeamPerson; onChanged: (person: TeamPerson) => void }) {
  const people = useQuery('teamPeople', {});
  const setRole = useAction('teamSetRole');
  const setDisabled = useAction('teamSetDisabled');
  const busy = setRole.pending || setDisabled.pending;

  async function changeRole(person: TeamPerson, next: { role: Role; admin: boolean }) {
    const result = await setRole.run({ personId: person.id, ...next });
    if (!result.ok) return;
    people.reload();
    onChanged(result.value);
  }

  async function changeDisabled(person: TeamPerson, disabled: boolean) {
    const result = await setDisabled.run({ personId: person.id, disabled });
    if (!result.ok) return;
    people.reload();
    onChanged(result.value);
  }

  return (
    <section className="team-section" aria-labelledby="team-people-title">
      <h2 id="team-people-title">People on the team</h2>
      {people.error && <QueryFailure what="the team’s people" error={people.error} onRetry={people.reload} />}
      {people.data && (
        <table className="release-table narrow">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Administrator</th>
              <th scope="col">Disabled</th>
            </tr>
          </thead>
          <tbody>
            {people.data.map((person) => (
              <tr key={person.id}>
                <th scope="row" dir="auto">
                  {person.name}
                  {person.id === me.id && <span className="muted small"> (you)</span>}
                </th>
                {me.admin ? (
                  <>
                    <td>
                      <select
                        aria-label={`Role of ${person.name}`}
                        value={person.role}
                        disabled={busy}
                        onChange={(event) => void changeRole(person, { role: event.target.value as Role, admin: person.admin })}
                      >
                        {roleOptions}
                      </select>
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${person.name} is an administrator`}
                        checked={person.admin}
                        disabled={busy}
                        onChange={(event) => void changeRole(person, { role: person.role, admin: event.target.checked })}
                      />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${person.name} is disabled`}
                        checked={person.disabled}
                        disabled={busy}
                        onChange={(event) => void changeDisabled(person, event.target.checked)}
                      />
                    </td>
                  </>
                ) : (
                  <>
                    <td>{roleLabels[person.role]}</td>
                    <td>{person.admin ? 'Yes' : 'No'}</td>
                    <td>{person.disabled ? 'Yes' : 'No'}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {me.admin && (
        <AddTeamPerson
          onAdded={(person) => {
            people.reload();
            onChanged(person);
          }}
        />
      )}
    </section>
  );
}

function AddTeamPerson({ onAdded }: { onAdded: (person: TeamPerson) => void }) {
  const addPerson = useAction('teamAddPerson', { showFailure: false });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('writer');
  const [admin, setAdmin] = useState(false);
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const issue = nameIssue(name);

  async function add(event: FormEvent) {
    event.preventDefault();
    const result = await addPerson.run({ name, role, admin, password });
    if (!result.ok) return setFailure(result.error.message);
    setFailure(null);
    setName('');
    setAdmin(false);
    setPassword('');
    onAdded(result.value);
  }

  return (
    <form className="add-person" aria-label="Add person to the team" onSubmit={(event) => void add(event)}>
      <div className="field">
        <label htmlFor="team-new-name">Name</label>
        <input id="team-new-name" dir="auto" value={name} onChange={(event) => setName(event.target.value)} maxLength={80} />
      </div>
      <div className="field">
        <label htmlFor="team-new-role">Role</label>
        <select id="team-new-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {roleOptions}
        </select>
      </div>
      <label className="choice">
        <input type="checkbox" checked={admin} onChange={(event) => setAdmin(event.target.checked)} /> Administrator
      </label>
      <div className="field">
        <label htmlFor="team-new-password">Initial password</label>
        <input
          id="team-new-password"
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          minLength={shortestPassword}
          maxLength={1024}
          autoComplete="new-password"
          aria-describedby="team-new-password-hint"
        />
      </div>
      <button type="submit" disabled={addPerson.pending || name.trim() === '' || issue !== null || password.length < shortestPassword}>
        {addPerson.pending ? 'Adding…' : 'Add person'}
      </button>
      <p id="team-new-password-hint" className="muted small">
        At least {shortestPassword} characters; give it to them in person, and they sign in with it.
      </p>
      {(issue ?? failure) && (
        <p className="field-error" role="alert">
          {issue ?? `Not added. ${failure}`}
        </p>
      )}
    </form>
  );
}

function TeamSessions({ admin, refreshOn, onOwnSessionEnded }: { admin: boolean; refreshOn: number; onOwnSessionEnded: () => void }) {
  const sessions = useQuery('teamSessions', {}, { refreshOn });
  const revoke = useAction('teamRevokeSession');

  async function end(session: TeamSession) {
    if (!(await revoke.run({ sessionId: session.id })).ok) return;
    if (session.current) return onOwnSessionEnded();
    sessions.reload();
  }

  return (
    <section className="team-section" aria-labelledby="team-sessions-title">
      <h2 id="team-sessions-title">Sessions</h2>
      <p className="muted">{admin ? 'Everyone’s open sessions on the team server.' : 'Your open sessions on the team server.'}</p>
      {sessions.error && <QueryFailure what="the sessions" error={sessions.error} onRetry={sessions.reload} />}
      {sessions.data && (
        <table className="release-table narrow">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">From</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((session) => (
              <tr key={session.id}>
                <th scope="row" dir="auto">
                  {session.personName}
                  {session.current && <span className="muted small"> (this Dateline)</span>}
                </th>
                <td>{session.from}</td>
                <td title={`Opened ${formatWhen(session.createdAt)}`}>{formatWhen(session.lastUsedAt)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={`End session of ${session.personName} from ${session.from}`}
                    onClick={() => void end(session)}
                    disabled={revoke.pending}
                  >
                    End session
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const auditActions: Record<TeamAuditEntry['action'], string> = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Sign-in refused',
  'sign-out': 'Signed out',
  'add-person': 'Added a person',
  'set-role': 'Changed a role',
  disable: 'Disabled an account',
  enable: 'Enabled an account',
  'revoke-session': 'Ended a session',
  'register-release': 'Shared a release with the team',
  submit: activityLabels.submit,
  approve: activityLabels.approve,
  'request-changes': activityLabels['request-changes'],
  recall: activityLabels.recall,
  withdraw: activityLabels.withdraw,
  reopen: activityLabels.reopen,
  release: 'Released (final export)',
  'approval-lapsed': activityLabels['approval-lapsed'],
  'approval-current-again': activityLabels['approval-current-again'],
  refused: 'Refused a request',
};

/** What a line of the server's audit was about, in a few words: whom, from where, why refused. */
function auditDetails({ action, details }: TeamAuditEntry): string {
  const said = (key: string) => (typeof details[key] === 'string' ? (details[key] as string) : '');
  if (action === 'sign-in-failed') return `${said('name')} from ${said('from')}: ${said('reason')}`;
  if (action === 'sign-in') return `from ${said('from')}`;
  if (action === 'refused') return `${said('method')}: ${said('reason')}`;
  return said('name');
}

/** The server's own record of sign-ins, refusals and changes to people and sessions, newest first; administrators only. */
function TeamAudit({ refreshOn }: { refreshOn: number }) {
  const audit = useQuery('teamAudit', {}, { refreshOn });
  return (
    <section className="team-section" aria-labelledby="team-audit-title">
      <h2 id="team-audit-title">Sign-ins and changes</h2>
      {audit.error && <QueryFailure what="the team server’s record" error={audit.error} onRetry={audit.reload} />}
      {audit.data && (
        <table className="release-table narrow">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.slice(0, 50).map((entry) => (
              <tr key={entry.id}>
                <td>{formatWhen(entry.at)}</td>
                <th scope="row" dir="auto">
                  {entry.actorName ?? '—'}
                </th>
                <td>{auditActions[entry.action]}</td>
                <td dir="auto">{auditDetails(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
