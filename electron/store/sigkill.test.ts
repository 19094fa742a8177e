import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../api/backend';
import { bundleForNode } from '../testing/bundle-for-node';
import { savedContent } from '../testing/saved-content';
import { useTempDir } from '../testing/temp-store';
import { openDatabase } from './database';

/*
 * Two Dateline processes save flat out into one database while each is SIGKILLed at random
 * moments (seeded) and started again. Nothing here depends on timing: where a kill lands is
 * random, and what is checked is the data each process acknowledged. DATELINE_KILLS sets the
 * number of kills (npm run soak raises it); DATELINE_KILL_SEED replays a run.
 */
const kills = Number(process.env.DATELINE_KILLS ?? 200);
const seed = Number(process.env.DATELINE_KILL_SEED ?? 20_261_206);

const tempDir = useTempDir();
let writer: string;

beforeAll(() => {
  writer = bundleForNode(join(import.meta.dirname, '../testing/save-until-killed.ts'), 'save-until-killed');
});

/** mulberry32: a small seeded generator, so a failing run's kill points can be replayed. */
function random(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Figures {
  kills: number;
  killsBeforeFirstSave: number;
  acknowledged: number;
  failures: string[];
}

/** One life of the writer: started, killed at the point chosen, its acknowledged saves collected. */
function life(file: string, name: string, killAfterAcks: number, killAfterMs: number, acked: Map<string, number>, figures: Figures) {
  return new Promise<void>((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [writer, file, name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    let errors = '';
    let acksThisLife = 0;
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      if (acksThisLife === 0) figures.killsBeforeFirstSave++;
      child.kill('SIGKILL');
    };
    // Some lives are killed by the clock, wherever the process is (starting, opening, recovering the WAL, saving).
    const timer = killAfterMs >= 0 ? setTimeout(kill, killAfterMs) : undefined;
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const report = JSON.parse(line) as { id: string; version: number } | { failure: string };
        if ('failure' in report) {
          figures.failures.push(report.failure);
          continue;
        }
        acksThisLife++;
        figures.acknowledged++;
        acked.set(report.id, Math.max(acked.get(report.id) ?? 0, report.version));
        if (acksThisLife >= killAfterAcks) kill();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    // 'close', not 'exit': every acknowledgement the process wrote has been read by then.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && killed) {
        figures.kills++;
        resolve();
      } else reject(new Error(`${name}'s writer ended by itself (code ${code}, signal ${signal}): ${errors}`));
    });
  });
}

async function killRepeatedly(file: string, name: string, times: number, next: () => number, acked: Map<string, number>, figures: Figures) {
  for (let kill = 0; kill < times; kill++) {
    // A quarter of the kills come on a clock from the start, the rest just after a save was acknowledged,
    // while the next one is in flight: in its transaction, its commit or its fsync.
    const byClock = next() < 0.25;
    await life(file, name, byClock ? Infinity : 1 + Math.floor(next() * 12), byClock ? Math.floor(next() * 400) : -1, acked, figures);
  }
}

const figures: Figures = { kills: 0, killsBeforeFirstSave: 0, acknowledged: 0, failures: [] };
const verified = { releases: 0, acknowledgedReleases: 0, committedUnacknowledged: 0, integrity: 'not run' };
let seconds = 0;

describe('SIGKILL while two processes save', () => {
  it(
    'keeps every acknowledged save with its exact content, the file whole, and says busy to nobody',
    async () => {
      const started = Date.now();
      const file = join(tempDir(), 'dateline.sqlite3');
      openDatabase(file).close();
      const acked = new Map<string, number>();
      const half = Math.ceil(kills / 2);
      await Promise.all([
        // A generator each, so where each writer's kills land does not depend on how the two interleave.
        killRepeatedly(file, 'Amal Haddad', half, random(seed), acked, figures),
        killRepeatedly(file, 'Badr Saleh', kills - half, random(seed + 1), acked, figures),
      ]);
      seconds = (Date.now() - started) / 1000;

      expect(figures.kills).toBe(kills);
      const busy = figures.failures.filter((failure) => /busy/i.test(failure));
      expect(busy, 'busy errors surfaced to a writer').toEqual([]);
      expect(figures.failures, 'any other failure a writer met').toEqual([]);

      // Opening it is what the next Dateline does after a crash: WAL recovery, then quick_check.
      const db = openDatabase(file);
      verified.integrity = db.pragma('integrity_check', { simple: true }) as string;
      expect(verified.integrity).toBe('ok');
      const { releases } = createStores(db);
      const stored = new Map(
        (db.prepare(`SELECT id, version FROM releases`).all() as { id: string; version: number }[]).map((row) => [row.id, row.version]),
      );
      for (const [id, version] of acked) {
        const found = stored.get(id);
        expect(found, `release ${id}, acknowledged at version ${version}, is there`).toBeDefined();
        // At most the one save in flight when the kill came can have landed unacknowledged.
        expect([version, version + 1], `release ${id}: acknowledged ${version}, found ${found}`).toContain(found);
        if (found === version + 1) verified.committedUnacknowledged++;
        verified.acknowledgedReleases++;
      }
      // Every row, acknowledged or not, is one whole save: never a torn or mixed content.
      for (const [id, version] of stored) {
        expect(releases.get(id).content, `release ${id} at version ${version}`).toEqual(savedContent(id, version));
        verified.releases++;
      }
      db.close();
      const check = new Database(file, { readonly: true });
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      check.close();
    },
    // Bounds, not targets: a soak's thousands of kills on a busy shared machine.
    Math.max(120_000, kills * 1_500),
  );

  afterAll(() => {
    console.log(
      [
        `SIGKILL test (seed ${seed}, two writers at once, ${seconds.toFixed(1)} s):`,
        `  SIGKILLs survived: ${figures.kills} of ${kills} (${figures.killsBeforeFirstSave} before that life's first save)`,
        `  acknowledged saves: ${figures.acknowledged}, across ${verified.acknowledgedReleases} releases, each found at its acknowledged version or the one in flight`,
        `  releases whose stored content was checked word for word: ${verified.releases} (saves that landed unacknowledged: ${verified.committedUnacknowledged})`,
        `  busy errors: ${figures.failures.filter((failure) => /busy/i.test(failure)).length}; other failures: ${figures.failures.length - figures.failures.filter((failure) => /busy/i.test(failure)).length}`,
        `  integrity_check after the last kill: ${verified.integrity}`,
      ].join('\n'),
    );
  });
});
