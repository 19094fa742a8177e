import { z } from 'zod';
import { method } from './define';

/** A verified copy of the database in the backups folder, named by when it was taken. */
export const backupSchema = z.object({
  name: z.string(),
  takenAt: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type Backup = z.infer<typeof backupSchema>;

/** Only a name the store listed: never a path, so a call cannot point restore at any file on the disk. */
const backupNameSchema = z.string().regex(/^dateline-[0-9TZ-]+\.sqlite3$/, 'Choose one of the backups Dateline lists.');

export const storeHealthSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  /** The database failed its check at open; nothing was written to it, and only recovery answers until it is replaced. */
  z.object({ state: z.literal('damaged'), file: z.string(), problem: z.string() }),
]);
export type StoreHealth = z.infer<typeof storeHealthSchema>;

export const recoveryChoiceSchema = z.discriminatedUnion('choice', [
  z.object({ choice: z.literal('backup'), name: backupNameSchema }).strict(),
  z.object({ choice: z.literal('salvage') }).strict(),
  z.object({ choice: z.literal('fresh') }).strict(),
]);
export type RecoveryChoice = z.infer<typeof recoveryChoiceSchema>;

export const storeCareMethods = {
  storeHealth: method(z.object({}).strict(), storeHealthSchema),
  listBackups: method(
    z.object({}).strict(),
    /** lastFailure: why the last automatic backup failed, until one succeeds. */
    z.object({ folder: z.string(), backups: z.array(backupSchema), lastFailure: z.string().nullable() }),
  ),
  backUpNow: method(z.object({}).strict(), backupSchema),
  /** Replaces the whole database with a backup; the current file is set aside beside it, never deleted. */
  restoreBackup: method(z.object({ name: backupNameSchema }).strict(), z.object({ setAsideAs: z.string().nullable() })),
  /** For a damaged database only: what replaces it, and where the damaged file now is. */
  recoverStore: method(recoveryChoiceSchema, z.object({ setAsideAs: z.string(), report: z.string() })),
};

/** Methods the backend answers itself, with or without a usable database. */
export type StoreCareMethod = keyof typeof storeCareMethods;
export const storeCareMethodNames = Object.keys(storeCareMethods) as StoreCareMethod[];
