import { useQuery } from '../data';
import { formatWhen } from '../format';
import { QueryFailure } from '../QueryFailure';
import { routeHash } from '../route';

/** Releases waiting for a reviewer, the longest-waiting first. */
export function ReviewQueue() {
  const { data: releases, error, reload } = useQuery('reviewQueue', {});

  return (
    <section className="list-view" aria-labelledby="queue-title">
      <header className="view-header">
        <h1 id="queue-title">Review queue</h1>
      </header>
      {error && <QueryFailure what="the review queue" error={error} onRetry={reload} />}
      {releases?.length === 0 && <p className="empty">Nothing is waiting for review.</p>}
      {releases && releases.length > 0 && (
        <table className="release-table">
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Submitted by</th>
              <th scope="col">Submitted</th>
              <th scope="col">Author</th>
            </tr>
          </thead>
          <tbody>
            {releases.map((release) => (
              <tr key={release.id}>
                <th scope="row" className="headline-cell" dir="auto">
                  <a href={routeHash({ view: 'release', id: release.id })}>{release.headline || 'Untitled release'}</a>
                </th>
                <td dir="auto">{release.statusChangedByName}</td>
                <td className="nowrap">{release.statusChangedAt && formatWhen(release.statusChangedAt)}</td>
                <td dir="auto">{release.authorName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
