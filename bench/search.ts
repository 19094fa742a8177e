import type { Database } from 'better-sqlite3';
import { emptyReleaseContent } from '@shared/release/content';
import { createStores } from '../electron/api/backend';

export interface SearchTiming {
  query: string;
  matches: number;
  ftsMedianMs: number;
  likeMedianMs: number;
}

export interface SearchResult {
  releases: number;
  timings: SearchTiming[];
}

const words =
  'port authority minister statement budget harbour quay vessel container berth capacity schedule council report figures growth city media office public ferry museum wing restoration tender contract tariff freight terminal crane'.split(
    ' ',
  );

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Release search as the list runs it (FTS5 through ReleaseStore.list) next to
 * the naive peer, a LIKE scan over the stored JSON, on the same database.
 */
export function benchmarkSearch(db: Database, releaseCount: number): SearchResult {
  const { people, releases } = createStores(db);
  const author = people.signIn('Search benchmark');
  db.transaction(() => {
    for (let index = 0; index < releaseCount; index++) {
      const paragraph = (offset: number) =>
        Array.from({ length: 60 }, (_, word) => words[(index * 13 + offset * 7 + word * 11) % words.length]).join(' ');
      releases.create(author.id, {
        ...emptyReleaseContent(),
        headline: `Release ${index}: ${words[index % words.length]} ${words[(index * 3) % words.length]} update`,
        body: {
          type: 'doc',
          content: [0, 1, 2, 3, 4].map((offset) => ({
            type: 'paragraph',
            content: [{ type: 'text', text: `${paragraph(offset)} code${index}x${offset}.` }],
          })),
        },
      });
    }
  })();

  const like = db.prepare(
    `SELECT id, headline FROM releases WHERE trashed_at IS NULL AND content LIKE ? ORDER BY updated_at DESC LIMIT 500`,
  );
  const time = (query: string, run: () => unknown[]) => {
    const samples = Array.from({ length: 25 }, () => {
      const started = performance.now();
      run();
      return performance.now() - started;
    });
    return { matches: run().length, ms: median(samples) };
  };
  const compare = (label: string, query: string): SearchTiming => {
    const fts = time(query, () => releases.list('active', query));
    const naive = time(query, () => like.all(`%${query}%`));
    if (fts.matches !== naive.matches) throw new Error(`FTS5 found ${fts.matches} and LIKE ${naive.matches} for ${query}`);
    return { query: label, matches: fts.matches, ftsMedianMs: fts.ms, likeMedianMs: naive.ms };
  };
  return {
    releases: releaseCount,
    timings: [
      compare('a word in one release', `code${Math.floor(releaseCount / 2)}x2`),
      compare('a word in every release (first 500 shown)', 'harbour'),
    ],
  };
}
