import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Person } from '@shared/api/session';
import { api } from './api';
import { commandForKey, registerCommand, runCommand } from './commands';
import { flushOpenReleases } from './editor/open-autosavers';
import { ReleaseEditor } from './editor/ReleaseEditor';
import { NoticeProvider, useNotices } from './notices';
import { PersonContext } from './person';
import { ReleaseList } from './releases/ReleaseList';
import { ActivityLog } from './review/ActivityLog';
import { ReviewQueue } from './review/ReviewQueue';
import { mayLeave, navigate, newReleaseId, useRoute } from './route';
import { PeopleSettings } from './shell/PeopleSettings';
import { Sidebar } from './shell/Sidebar';
import { WelcomeScreen } from './shell/WelcomeScreen';

type SessionState = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; person: Person | null };

export function App() {
  const [session, setSession] = useState<SessionState>({ phase: 'loading' });

  useEffect(() => {
    void api
      .getSession({})
      .then((result) =>
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
  if (!session.person) return <WelcomeScreen onSignedIn={(person) => setSession({ phase: 'ready', person })} />;
  return (
    <NoticeProvider>
      <PersonContext.Provider value={session.person}>
        <Workspace person={session.person} onPersonChanged={(person) => setSession({ phase: 'ready', person })} />
      </PersonContext.Provider>
    </NoticeProvider>
  );
}

function Workspace({ person, onPersonChanged }: { person: Person; onPersonChanged: (person: Person) => void }) {
  const route = useRoute();
  const { showError } = useNotices();
  const [searchFocusRequest, setSearchFocusRequest] = useState(0);
  const [reviewCount, setReviewCount] = useState(0);

  const refreshReviewCount = useCallback(() => {
    void api.reviewQueue({}).then((result) => result.ok && setReviewCount(result.value.length));
  }, []);
  useEffect(refreshReviewCount, [refreshReviewCount, route]);

  // Nothing is stored until the first words are typed, so an abandoned New release leaves no "Untitled release" behind.
  const createRelease = useCallback(() => navigate({ view: 'release', id: newReleaseId }), []);

  // A new release keeps its editor (and its undo history) when it gets its id with the first save.
  const editorKeys = useRef(new Map<string, string>());
  const newReleaseCount = useRef(0);
  const newReleaseKey = useMemo(
    () => (route.view === 'release' && route.id === newReleaseId ? `new-${++newReleaseCount.current}` : null),
    [route],
  );
  const editorKey = route.view === 'release' ? (newReleaseKey ?? editorKeys.current.get(route.id) ?? route.id) : '';
  const adoptEditor = useCallback((id: string) => editorKeys.current.set(id, editorKey), [editorKey]);

  async function switchPerson(personId: number) {
    // Whatever the previous person typed is written under their name first, or they decide what happens to it.
    if (!(await mayLeave())) return;
    await flushOpenReleases();
    const result = await api.switchPerson({ personId });
    if (result.ok) onPersonChanged(result.value);
    else showError(result.error.message);
  }

  useEffect(() => {
    const unregister = [
      registerCommand('new-release', createRelease),
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
      <Sidebar
        route={route}
        person={person}
        reviewCount={reviewCount}
        onNewRelease={createRelease}
        onSwitchPerson={(id) => void switchPerson(id)}
      />
      <main className="main">
        {route.view === 'release' && (
          <ReleaseEditor key={`${editorKey}-${person.id}`} id={route.id} onWorkflowChange={refreshReviewCount} onCreated={adoptEditor} />
        )}
        {route.view === 'review' && <ReviewQueue />}
        {route.view === 'activity' && <ActivityLog />}
        {route.view === 'settings' && <PeopleSettings onChanged={onPersonChanged} />}
        {(route.view === 'releases' || route.view === 'trash') && (
          <ReleaseList key={route.view} view={route.view === 'trash' ? 'trash' : 'active'} searchFocusRequest={searchFocusRequest} />
        )}
      </main>
    </div>
  );
}
