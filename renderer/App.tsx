import { useCallback, useEffect, useState } from 'react';
import type { Person } from '../shared/api/session';
import { api } from './api';
import { commandForKey, registerCommand, runCommand } from './commands';
import { ReleaseEditor } from './editor/ReleaseEditor';
import { NoticeProvider, useNotices } from './notices';
import { ReleaseList } from './releases/ReleaseList';
import { navigate, useRoute } from './route';
import { Sidebar } from './shell/Sidebar';
import { WelcomeScreen } from './shell/WelcomeScreen';

type SessionState = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; person: Person | null };

export function App() {
  const [session, setSession] = useState<SessionState>({ phase: 'loading' });
  const [switching, setSwitching] = useState(false);

  useEffect(() => {
    void api.getSession({}).then((result) =>
      setSession(result.ok ? { phase: 'ready', person: result.value.person } : { phase: 'failed', message: result.error.message }),
    );
  }, []);

  if (session.phase === 'loading') return <div className="splash" aria-busy="true" />;
  if (session.phase === 'failed') {
    return (
      <div className="welcome">
        <div className="welcome-card" role="alert">
          <h1>Dateline could not open its store</h1>
          <p>{session.message}</p>
        </div>
      </div>
    );
  }
  if (!session.person || switching) {
    return (
      <WelcomeScreen
        current={session.person}
        onCancel={session.person ? () => setSwitching(false) : undefined}
        onSignedIn={(person) => {
          setSession({ phase: 'ready', person });
          setSwitching(false);
        }}
      />
    );
  }
  return (
    <NoticeProvider>
      <Workspace person={session.person} onSwitchPerson={() => setSwitching(true)} />
    </NoticeProvider>
  );
}

function Workspace({ person, onSwitchPerson }: { person: Person; onSwitchPerson: () => void }) {
  const route = useRoute();
  const { showError } = useNotices();
  const [searchFocusRequest, setSearchFocusRequest] = useState(0);

  const createRelease = useCallback(async () => {
    const result = await api.createRelease({});
    if (result.ok) navigate({ view: 'release', id: result.value.id });
    else showError(result.error.message);
  }, [showError]);

  useEffect(() => {
    const unregister = [
      registerCommand('new-release', () => void createRelease()),
      registerCommand('find', () => {
        navigate({ view: 'releases' });
        setSearchFocusRequest((count) => count + 1);
      }),
    ];
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey(event);
      if (!command) return;
      event.preventDefault();
      runCommand(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      unregister.forEach((undo) => undo());
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [createRelease]);

  return (
    <div className="workspace">
      <Sidebar route={route} person={person} onNewRelease={() => void createRelease()} onSwitchPerson={onSwitchPerson} />
      <main className="main">
        {route.view === 'release' ? (
          <ReleaseEditor key={route.id} id={route.id} />
        ) : (
          <ReleaseList key={route.view} view={route.view === 'trash' ? 'trash' : 'active'} searchFocusRequest={searchFocusRequest} />
        )}
      </main>
    </div>
  );
}
