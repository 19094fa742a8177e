import type { Person } from '../../shared/api/session';
import { routeHash, type Route } from '../route';

const shortcut = navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl+';

export function Sidebar({ route, person, onNewRelease, onSwitchPerson }: { route: Route; person: Person; onNewRelease: () => void; onSwitchPerson: () => void }) {
  const current = (view: Route['view']) => (route.view === view ? 'page' : undefined);
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
        <li>
          <a href={routeHash({ view: 'releases' })} aria-current={current('releases')}>
            Releases
          </a>
        </li>
        <li>
          <a href={routeHash({ view: 'trash' })} aria-current={current('trash')}>
            Trash
          </a>
        </li>
      </ul>
      <div className="sidebar-footer">
        <span className="muted small">Signed in as</span>
        <span className="person" dir="auto">
          {person.name}
        </span>
        <button type="button" className="link-button small" onClick={onSwitchPerson}>
          Switch person
        </button>
      </div>
    </nav>
  );
}
