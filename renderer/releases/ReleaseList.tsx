import { useEffect, useRef, useState } from 'react';
import { formatDatelineDate } from '@shared/release/dateline';
import { useAction, useQuery } from '../data';
import { formatWhen } from '../format';
import { navigate, routeHash } from '../route';
import { BulkExport } from '../export/BulkExport';
import { QueryFailure } from '../QueryFailure';
import { StatusBadge } from './StatusBadge';

/** The release list and the Trash: newest first, searchable across every word of every release. */
export function ReleaseList({ view, searchFocusRequest }: { view: 'active' | 'trash'; searchFocusRequest: number }) {
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const list = useQuery('listReleases', { view, query: searched || undefined });
  const searchBox = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [exporting, setExporting] = useState(false);
  // A second click while the first is on its way would make a second copy, or a refused second move.
  const duplicate = useAction('duplicateRelease');
  const trash = useAction('trashRelease');
  const restore = useAction('restoreRelease');

  useEffect(() => {
    // Searching on every key press is cheap (FTS5), but a short pause keeps fast typists from queuing requests.
    const timer = setTimeout(() => setSearched(query.trim()), query ? 120 : 0);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    if (searchFocusRequest > 0) searchBox.current?.focus();
  }, [searchFocusRequest]);

  const title = view === 'trash' ? 'Trash' : 'Releases';
  const shown = list.data ?? [];
  const chosen = shown.filter((release) => selected.has(release.id));
  const allChosen = shown.length > 0 && chosen.length === shown.length;
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section className="list-view" aria-labelledby="list-title">
      <header className="view-header">
        <h1 id="list-title">{title}</h1>
        <input
          ref={searchBox}
          type="search"
          className="search"
          aria-label="Search releases"
          placeholder={view === 'trash' ? 'Search the trash' : 'Search headlines, text, captions…'}
          dir="auto"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        {view === 'active' && (
          <button type="button" aria-label="Export selected" disabled={chosen.length === 0} onClick={() => setExporting(true)}>
            Export selected{chosen.length > 0 ? ` (${chosen.length})` : ''}
          </button>
        )}
      </header>
      {exporting && <BulkExport releases={chosen} onClose={() => setExporting(false)} onDone={list.reload} />}
      {list.error && <QueryFailure what={view === 'trash' ? 'the trash' : 'the releases'} error={list.error} onRetry={list.reload} />}
      {list.data?.length === 0 && <EmptyList view={view} query={searched} />}
      {shown.length > 0 && (
        <table className="release-table">
          <caption className="visually-hidden">
            {shown.length} {shown.length === 1 ? 'release' : 'releases'}
          </caption>
          <thead>
            <tr>
              {view === 'active' && (
                <th scope="col" className="select-cell">
                  <input
                    type="checkbox"
                    aria-label={query.trim() ? 'Select every release found' : 'Select every release'}
                    checked={allChosen}
                    onChange={() => setSelected(allChosen ? new Set() : new Set(shown.map((release) => release.id)))}
                  />
                </th>
              )}
              <th scope="col">Headline</th>
              <th scope="col">Status</th>
              <th scope="col">Dateline</th>
              <th scope="col">Author</th>
              <th scope="col">{view === 'trash' ? 'Moved to trash' : 'Last modified'}</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((release) => (
              <tr key={release.id}>
                {view === 'active' && (
                  <td className="select-cell">
                    <input
                      type="checkbox"
                      aria-label={`Select ${release.headline || 'Untitled release'}`}
                      checked={selected.has(release.id)}
                      onChange={() => toggle(release.id)}
                    />
                  </td>
                )}
                <th scope="row" className="headline-cell" dir="auto">
                  {view === 'active' ? (
                    <a href={routeHash({ view: 'release', id: release.id })}>{release.headline || 'Untitled release'}</a>
                  ) : (
                    <span>{release.headline || 'Untitled release'}</span>
                  )}
                </th>
                <td>
                  <StatusBadge status={release.status} />
                </td>
                <td className="nowrap" dir="auto">
                  {formatDatelineDate(release.datelineDate, release.language) || <span className="muted">—</span>}
                </td>
                <td dir="auto">{release.authorName}</td>
                <td className="nowrap" title={`Last edited by ${release.lastEditorName}`}>
                  {formatWhen(view === 'trash' ? release.trashedAt! : release.updatedAt)}
                </td>
                <td className="row-actions">
                  {view === 'active' ? (
                    <>
                      <button
                        type="button"
                        disabled={duplicate.pending}
                        onClick={() =>
                          void duplicate.run({ id: release.id }).then((result) => {
                            if (result.ok) navigate({ view: 'release', id: result.value.id });
                            else list.reload();
                          })
                        }
                      >
                        Duplicate
                      </button>
                      <button type="button" disabled={trash.pending} onClick={() => void trash.run({ id: release.id }).then(list.reload)}>
                        Move to trash
                      </button>
                    </>
                  ) : (
                    <button type="button" disabled={restore.pending} onClick={() => void restore.run({ id: release.id }).then(list.reload)}>
                      Restore
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function EmptyList({ view, query }: { view: 'active' | 'trash'; query: string }) {
  if (query.trim()) return <p className="empty">No releases match “{query.trim()}”.</p>;
  if (view === 'trash') return <p className="empty">The trash is empty. Releases moved here can be restored at any time.</p>;
  return (
    <div className="empty">
      <p>No releases yet.</p>
      <p className="muted">Start one with New release; it saves itself as you type.</p>
    </div>
  );
}
