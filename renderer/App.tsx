import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Person } from '@shared/api/session';
import { commandForKey, registerCommand, runCommand } from './commands';
import { useAction, useQuery } from './data';
import { flushOpenReleases } from './editor/open-autosavers';
import { ReleaseEditor } from './editor/ReleaseEditor';
import { NoticeProvider } from './notices';
import { PersonContext } from './person';
import { ReleaseList } from './releases/ReleaseList';
import { ActivityLog } from './review/ActivityLog';
import { ReviewQueue } from './review/ReviewQueue';
import { mayLeave, navigate, newReleaseId, useRoute } from './route';
import { BackupSettings } from './shell/BackupSettings';
import { PeopleSettings } from './shell/PeopleSettings';
import { RecoveryScreen } from './shell/RecoveryScreen';
import { Sidebar } from './shell/Sidebar';
import { TeamSettings } from './shell/TeamSettings';
import { WelcomeScreen } from './shell/WelcomeScreen';

export function App() {
  // Around everything, the first-run screen included, so no failure has nowhere to be shown.
  return (
    <NoticeProvider>
      <HealthGate />
    </NoticeProvider>
  );
}

/** A database that failed its check at start is dealt with before anything else is shown. */
function HealthGate() {
  const health = useQuery('storeHealth', {});
  if (health.data?.state === 'damaged') return <RecoveryScreen file={health.data.file} problem={health.data.problem} />;
  // A failure to ask is the session's to report: it fails the same way, with a Retry.
  if (!health.data && !health.error) return <div className="splash" aria-busy="true" />;
  return <SessionGate />;
}

/** Who is at the keyboard, asking on first run; the workspace opens once someone is. */
function SessionGate() {
  const session = useQuery('getSession', {});
  // Who signed in or switched since the session was read; the session says who was at the keyboard before.
  const [chosen, setChosen] = useState<Person | null>(null);

  if (session.error) {
    return (
      <div className="welcome">
        <div className="welcome-card" role="alert">
          <h1>Dateline could not open its store</h1>
          <p>{session.error.message}</p>
          <div className="row end">
            <button type="button" onClick={session.reload}>
              Retry
            </button>
          </div>
        </div>
      </div>
    );
  }
  if (!session.data) return <div className="splash" aria-busy="true" />;
  const person = chosen ?? session.data.person;
  if (!person) return <WelcomeScreen onSignedIn={setChosen} />;
  return (
    <PersonContext.Provider value={person}>
      <Workspace person={person} onPersonChanged={setChosen} />
    </PersonContext.Provider>
  );
}

function Workspace({ person, onPersonChanged }: { person: Person; onPersonChanged: (person: Person) => void }) {
  const route = useRoute();
  const [searchFocusRequest, setSearchFocusRequest] = useState(0);
  // Loaded again on every route change and after every workflow action: either may have changed what waits for review.
  const reviewQueue = useQuery('reviewQueue', {}, { refreshOn: route });
  const switchPersonTo = useAction('switchPerson');
  // Asked again on every route change, so a session the server ended shows at the next view opened.
  const team = useQuery('teamConnection', {}, { refreshOn: route });
  const teamStatus = team.data?.status;
  const teamPerson = teamStatus?.state === 'connected' || teamStatus?.state === 'unreachable' ? teamStatus.person : null;

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
    const result = await switchPersonTo.run({ personId });
    if (result.ok) onPersonChanged(result.value);
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
        reviewCount={reviewQueue.data?.length ?? 0}
        reviewCountError={reviewQueue.error}
        onRetryReviewCount={reviewQueue.reload}
        onNewRelease={createRelease}
        onSwitchPerson={(id) => void switchPerson(id)}
        teamPerson={teamPerson}
      />
      <main className="main">
        {route.view === 'release' && (
          <ReleaseEditor key={`${editorKey}-${person.id}`} id={route.id} onWorkflowChange={reviewQueue.reload} onCreated={adoptEditor} />
        )}
        {route.view === 'review' && <ReviewQueue />}
        {route.view === 'activity' && <ActivityLog />}
        {route.view === 'settings' && <PeopleSettings onChanged={onPersonChanged} />}
        {route.view === 'backups' && <BackupSettings />}
        {route.view === 'team' && <TeamSettings team={team} onPersonChanged={onPersonChanged} />}
        {(route.view === 'releases' || route.view === 'trash') && (
          <ReleaseList key={route.view} view={route.view === 'trash' ? 'trash' : 'active'} searchFocusRequest={searchFocusRequest} />
        )}
      </main>
    </div>
  );
}
