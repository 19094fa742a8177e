import type { Person } from '@shared/api/session';
import type { ApiError } from '@shared/api/result';
import type { TeamPerson } from '@shared/api/team';
import { useQuery } from '../data';
import { QueryFailure } from '../QueryFailure';
import { routeHash, type Route } from '../route';

const shortcut = navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl+';

interface FailedRead {
  what: string;
  error: ApiError;
  retry: () => void;
}

/**
 * Reads that failed for the same reason, said once with one Retry for them all:
 * a store that cannot be reached fails every read alike, and this column is narrow.
 */
function byReason(reads: FailedRead[]): FailedRead[] {
  const groups = new Map<string, FailedRead[]>();
  for (const read of reads) groups.set(read.error.message, [...(groups.get(read.error.message) ?? []), read]);
  return [...groups.values()].map((group) => ({
    what: group.map((read) => read.what).join(' or '),
    error: group[0]!.error,
    retry: () => group.forEach((read) => read.retry()),
  }));
}

export function Sidebar({
  route,
  person,
  reviewCount,
  reviewCountError,
  onRetryReviewCount,
  onNewRelease,
  onSwitchPerson,
  teamPerson,
}: {
  route: Route;
  person: Person;
  /** Who is signed in to the team server, if anyone: then they are at the keyboard, and there is no one to switch to. */
  teamPerson: TeamPerson | null;
  reviewCount: number;
  reviewCountError: ApiError | null;
  onRetryReviewCount: () => void;
  onNewRelease: () => void;
  onSwitchPerson: (personId: number) => void;
}) {
  // Loaded again on every view and person change: People may have just added someone to switch to.
  const listed = useQuery('listPeople', {}, { refreshOn: `${route.view} ${person.id}` });
  const people = listed.data ?? [person];
  const failedReads = [
    { what: 'the review queue', error: reviewCountError, retry: onRetryReviewCount },
    { what: 'everyone to switch to', error: teamPerson ? null : listed.error, retry: listed.reload },
  ].filter((read): read is FailedRead => read.error !== null);

  const link = (view: Exclude<Route['view'], 'release'>, label: string, count?: number) => (
    <li>
      <a href={routeHash({ view })} aria-current={route.view === view ? 'page' : undefined}>
        {label}
        {count !== undefined && count > 0 && (
          <span className="nav-count" aria-label={`${count} waiting`}>
            {count}
          </span>
        )}
      </a>
    </li>
  );

  return (
    <nav className="sidebar" aria-label="Dateline">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          D
        </span>
        Dateline
      </div>
      <button type="button" className="primary new-release" onClick={onNewRelease} title={`New release (${shortcut}N)`}>
        New release
      </button>
      <ul className="nav-list">
        {link('releases', 'Releases')}
        {link('review', 'Review queue', reviewCount)}
        {link('activity', 'Activity')}
        {link('trash', 'Trash')}
        {link('settings', 'People')}
        {link('backups', 'Backups')}
        {link('team', 'Team server')}
      </ul>
      <div className="sidebar-footer">
        {byReason(failedReads).map((failed) => (
          <QueryFailure key={failed.what} what={failed.what} error={failed.error} onRetry={failed.retry} />
        ))}
        {teamPerson ? (
          <div className="field">
            <span>Signed in to the team server</span>
            <a href={routeHash({ view: 'team' })} className="team-person" dir="auto">
              {teamPerson.name} ({teamPerson.role})
            </a>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="current-person">Current person</label>
            <select id="current-person" value={person.id} onChange={(event) => onSwitchPerson(Number(event.target.value))}>
              {people.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name} ({candidate.role})
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
    </nav>
  );
}
