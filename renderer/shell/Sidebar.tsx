import { useEffect, useState } from 'react';
import type { Person } from '@shared/api/session';
import { api } from '../api';
import { routeHash, type Route } from '../route';

const shortcut = navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl+';

export function Sidebar({
  route,
  person,
  reviewCount,
  onNewRelease,
  onSwitchPerson,
}: {
  route: Route;
  person: Person;
  reviewCount: number;
  onNewRelease: () => void;
  onSwitchPerson: (personId: number) => void;
}) {
  const [people, setPeople] = useState<Person[]>([person]);
  useEffect(() => {
    void api.listPeople({}).then((result) => result.ok && setPeople(result.value));
  }, [route.view, person.id]);

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
      </ul>
      <div className="sidebar-footer">
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
      </div>
    </nav>
  );
}
