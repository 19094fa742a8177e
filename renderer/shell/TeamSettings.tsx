import { useState, type FormEvent } from 'react';
import type { Person } from '@shared/api/session';
import type { TeamConnection } from '@shared/api/team-connection';
import { useAction, type Query } from '../data';
import { QueryFailure } from '../QueryFailure';
import { TeamAdministration } from './TeamAdministration';

/**
 * Signing this Dateline in to the office's team server. The backend keeps the
 * session; while it stands, the team person is who is at the keyboard here.
 */
export function TeamSettings({ team, onPersonChanged }: { team: Query<TeamConnection>; onPersonChanged: (person: Person) => void }) {
  const status = team.data?.status;
  return (
    <section className="list-view" aria-labelledby="team-title">
      <header className="view-header">
        <h1 id="team-title">Team server</h1>
      </header>
      <p className="muted">
        A press office on several machines signs in to one team server, which knows its people and their roles. While this Dateline is
        signed in, everything done here is recorded as the signed-in person&rsquo;s.
      </p>
      {team.error && <QueryFailure what="the team server connection" error={team.error} onRetry={team.reload} />}
      {team.data && !team.data.survivesRestart && (
        <p className="muted">
          The session is kept only while this Dateline runs (browser mode, and a desktop without a keychain, keep no secret on disk): after
          a restart, sign in again.
        </p>
      )}
      {status && (status.state === 'connected' || status.state === 'unreachable') && (
        <SignedIn status={status} onTeamChanged={team.reload} />
      )}
      {status && (status.state === 'not-connected' || status.state === 'signed-out') && (
        <>
          {status.state === 'signed-out' && (
            <p className="warning" role="alert">
              Signed out by the team server at {status.server}: {status.reason}
            </p>
          )}
          <ConnectForm
            address={status.state === 'signed-out' ? status.server : ''}
            onConnected={(person) => {
              onPersonChanged(person);
              team.reload();
            }}
          />
        </>
      )}
    </section>
  );
}

function SignedIn({
  status,
  onTeamChanged,
}: {
  status: Extract<TeamConnection['status'], { state: 'connected' | 'unreachable' }>;
  /** Asks the server again: after signing out, or a change to oneself (a role, one's own session ended). */
  onTeamChanged: () => void;
}) {
  const disconnect = useAction('disconnectTeam');
  const [unheard, setUnheard] = useState(false);

  async function signOut() {
    const result = await disconnect.run({});
    if (!result.ok) return;
    setUnheard(!result.value.serverReached);
    onTeamChanged();
  }

  return (
    <div className="team-signed-in">
      <p>
        Signed in as <strong dir="auto">{status.person.name}</strong> ({status.person.role}
        {status.person.admin ? ', administrator' : ''}) on <code>{status.server}</code>.
      </p>
      {status.state === 'unreachable' && (
        <p className="warning" role="alert">
          The team server cannot be reached: {status.reason.replace(/\.$/, '')}. You stay signed in here; Dateline asks again when you next
          open a view.
        </p>
      )}
      {unheard && (
        <p className="warning" role="alert">
          Signed out here, but the server could not be told: that session ends by itself after 30 days unused, or when an administrator ends
          it.
        </p>
      )}
      <button type="button" onClick={() => void signOut()} disabled={disconnect.pending}>
        {disconnect.pending ? 'Signing out…' : 'Sign out'}
      </button>
      {status.state === 'connected' && <TeamAdministration me={status.person} onTeamChanged={onTeamChanged} />}
    </div>
  );
}

function ConnectForm({ address: lastAddress, onConnected }: { address: string; onConnected: (person: Person) => void }) {
  const connect = useAction('connectTeam', { showFailure: false });
  const [address, setAddress] = useState(lastAddress);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await connect.run({ address, name, password });
    if (!result.ok) return setFailure(result.error.message);
    setFailure(null);
    setPassword('');
    onConnected(result.value.person);
  }

  return (
    <form className="team-connect" onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor="team-address">Server address</label>
        <input
          id="team-address"
          type="url"
          placeholder="https://team.example.org"
          value={address}
          onChange={(event) => setAddress(event.target.value)}
          autoComplete="url"
        />
      </div>
      <div className="field">
        <label htmlFor="team-name">Your name on the team server</label>
        <input
          id="team-name"
          dir="auto"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={80}
          autoComplete="username"
        />
      </div>
      <div className="field">
        <label htmlFor="team-password">Password</label>
        <input
          id="team-password"
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          maxLength={1024}
          autoComplete="current-password"
        />
      </div>
      {failure && (
        <p className="field-error" role="alert">
          Not signed in. {failure}
        </p>
      )}
      <div className="row">
        <button
          type="submit"
          className="primary"
          disabled={connect.pending || address.trim() === '' || name.trim() === '' || password === ''}
        >
          {connect.pending ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
