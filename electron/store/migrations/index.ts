import type { Database } from 'better-sqlite3';
import { up as initial } from './001-initial';
import { up as review } from './002-review';
import { up as photoPlacements } from './003-photo-placements';
import { up as historyChain } from './004-history-chain';
import { up as teamSync } from './005-team-sync';

/** Append only: a migration that has shipped is never edited, only followed by a new one. */
export const migrations: readonly { version: number; up: (db: Database) => void }[] = [
  { version: 1, up: initial },
  { version: 2, up: review },
  { version: 3, up: photoPlacements },
  { version: 4, up: historyChain },
  { version: 5, up: teamSync },
];

export const latestSchemaVersion = migrations.at(-1)!.version;
