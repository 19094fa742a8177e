import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../testing/temp-store';
import { migrateTeamDatabase } from './team-schema';
import { TeamStore } from './team-store';

const tempDir = useTempDir();

describe('the team server’s schema', () => {
  it('adds releases to a file an earlier server left, keeping its people and sessions', async () => {
    const file = join(tempDir(), 'team.sqlite3');
    const earlier = new Database(file);
    migrateTeamDatabase(earlier, 1);
    earlier
      .prepare(`INSERT INTO people (name, name_key, role, admin, password_hash, created_at) VALUES (?, ?, 'reviewer', 1, 'scrypt$x', ?)`)
      .run('Layla Nasser', 'layla nasser', '2026-12-01T09:00:00.000Z');
    earlier.close();

    const store = new TeamStore(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(3);
    expect(store.listPeople()).toMatchObject([{ name: 'Layla Nasser', role: 'reviewer', admin: true }]);
    expect(store.db.prepare(`SELECT count(*) FROM team_releases`).pluck().get()).toBe(0);
    expect(store.db.prepare(`SELECT count(*) FROM release_pending_editors`).pluck().get()).toBe(0);
    store.close();
  });
});
