import type { Database } from 'better-sqlite3';
import { up as initial } from './001-initial';

/** Append only: a migration that has shipped is never edited, only followed by a new one. */
export const migrations: readonly { version: number; up: (db: Database) => void }[] = [{ version: 1, up: initial }];

export const latestSchemaVersion = migrations.at(-1)!.version;
