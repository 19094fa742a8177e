import { useState } from 'react';
import { activityLabels, type ActivityAction, type ActivityEntry, type ActivityFilter } from '@shared/api/activity';
import { useQuery } from '../data';
import { formatWhen } from '../format';
import { QueryFailure } from '../QueryFailure';
import { routeHash } from '../route';

const describe = (entry: ActivityEntry) => {
  const label = activityLabels[entry.action as ActivityAction] ?? entry.action;
  const detail = entry.details.comment ?? entry.details.reason ?? entry.details.text ?? entry.details.after;
  return typeof detail === 'string' ? `${label}: “${detail}”` : label;
};

/** Entries of the audit trail, newest first. */
export function ActivityEntries({ filter, showRelease }: { filter: ActivityFilter; showRelease: boolean }) {
  const { data: entries, error, reload } = useQuery('listActivity', filter);
  if (error) return <QueryFailure what="the activity" error={error} onRetry={reload} />;
  if (!entries) return null;
  if (entries.length === 0) return <p className="muted small">No activity matches.</p>;
  return (
    <ol className="activity">
      {entries.map((entry) => (
        <li key={entry.id}>
          <span className="activity-what" dir="auto">
            <strong>{entry.actorName ?? 'Someone'}</strong> {describe(entry)}
            {showRelease && entry.releaseId && (
              <>
                {' '}
                on <a href={routeHash({ view: 'release', id: entry.releaseId })}>{entry.releaseHeadline || 'Untitled release'}</a>
              </>
            )}
          </span>
          <time className="muted small" dateTime={entry.at}>
            {formatWhen(entry.at)}
          </time>
        </li>
      ))}
    </ol>
  );
}

/**
 * Said once, above the entries, when the check made as the database opened
 * found the history changed outside Dateline: what it found, so someone can
 * compare it with a backup. Nothing is shown while the history is intact.
 */
function HistoryWarning() {
  const { data: check, error, reload } = useQuery('historyCheck', {});
  if (error) return <QueryFailure what="the check of the history" error={error} onRetry={reload} />;
  if (!check || check.intact) return null;
  return (
    <p className="history-warning" role="status">
      The history was changed outside Dateline: {check.breaks.map((found) => found.message).join('; ')}.
    </p>
  );
}

/** Local calendar day to the instant it starts; the audit trail stores instants. */
const startOfDay = (date: string, plusDays = 0) => {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year!, month! - 1, day! + plusDays).toISOString();
};

/** The global log: every action by everyone, filterable by person, action and date. */
export function ActivityLog() {
  const people = useQuery('listPeople', {});
  const [personId, setPersonId] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const filter: ActivityFilter = {
    ...(personId ? { personId: Number(personId) } : {}),
    ...(action ? { action: action as ActivityAction } : {}),
    ...(from ? { from: startOfDay(from) } : {}),
    ...(until ? { until: startOfDay(until, 1) } : {}),
  };
  return (
    <section className="list-view" aria-labelledby="activity-title">
      <header className="view-header">
        <h1 id="activity-title">Activity</h1>
      </header>
      <div className="filters">
        <div className="field">
          <label htmlFor="activity-person">Person</label>
          <select id="activity-person" value={personId} onChange={(event) => setPersonId(event.target.value)}>
            <option value="">Everyone</option>
            {people.data?.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="activity-action">Action</label>
          <select id="activity-action" value={action} onChange={(event) => setAction(event.target.value)}>
            <option value="">Any action</option>
            {Object.entries(activityLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="activity-from">From</label>
          <input id="activity-from" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="activity-until">Until</label>
          <input id="activity-until" type="date" value={until} onChange={(event) => setUntil(event.target.value)} />
        </div>
      </div>
      {people.error && <QueryFailure what="the people to filter by" error={people.error} onRetry={people.reload} />}
      <HistoryWarning />
      <ActivityEntries filter={filter} showRelease />
    </section>
  );
}
