import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, linkSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { failWith } from '@shared/api/result';

/**
 * What link() says on a filesystem without hard links: EPERM from Linux's FAT,
 * exFAT and FUSE drivers, EOPNOTSUPP or ENOSYS from SMB mounts, ENOTSUP on macOS,
 * EISDIR on Windows (libuv's name for ERROR_INVALID_FUNCTION), EACCES from some
 * SMB servers. A name that is taken is EEXIST everywhere, so it is never among them.
 */
const linkRefusals = new Set(['EPERM', 'EACCES', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EISDIR']);

/** What fsync on a directory says where the platform or filesystem cannot do it. */
const directorySyncRefusals = new Set(['EINVAL', 'EBADF', 'EPERM', 'EACCES', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EISDIR']);

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

/**
 * Writes a whole file or nothing: the bytes go to a hidden temporary file beside
 * the target, are flushed to disk, and only then take the target's name. A crash
 * midway leaves no file under the target's name. An existing file is replaced
 * only when overwrite is asked for.
 */
export function writeFileSafely(path: string, data: string | Uint8Array, { overwrite = false } = {}): void {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const descriptor = openSync(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
  try {
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let written = 0; written < bytes.length;) written += writeSync(descriptor, bytes, written, bytes.length - written);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    if (overwrite) renameSync(temporary, path);
    else nameIfFree(temporary, path);
  } catch (error) {
    removeQuietly(temporary);
    if (codeOf(error) === 'EEXIST') failWith('refused', `${basename(path)} already exists; it was not replaced.`);
    throw error;
  }
  syncDirectory(directory);
}

/**
 * Gives a finished file that something else wrote beside the target (a database
 * copy) the target's name the same way: flushed first, never over an existing
 * file, on filesystems with and without hard links. The temporary file is gone
 * afterwards either way.
 */
export function nameFinishedFile(temporary: string, path: string): void {
  try {
    const descriptor = openSync(temporary, constants.O_RDWR);
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    nameIfFree(temporary, path);
  } catch (error) {
    removeQuietly(temporary);
    if (codeOf(error) === 'EEXIST') failWith('refused', `${basename(path)} already exists; it was not replaced.`);
    throw error;
  }
  syncDirectory(dirname(path));
}

/** Gives the complete temporary file the target's name, failing with EEXIST if the name is taken. */
function nameIfFree(temporary: string, path: string): void {
  try {
    // link() fails if the name exists, so another writer's file is never replaced, even in a race.
    linkSync(temporary, path);
  } catch (error) {
    if (!linkRefusals.has(codeOf(error) ?? '')) throw error;
    // No hard links here (a USB stick's FAT32 or exFAT, many network shares), and Node
    // has no rename that refuses to replace (renameat2's RENAME_NOREPLACE). So: look,
    // then rename. The name still only ever holds nothing or the whole file. What is
    // left is a race: a file given the same name by someone else in the microseconds
    // between the look and the rename is replaced. Claiming the name first with an
    // exclusive create would close that window, but a crash before the rename would
    // then leave an empty file under the name, which a person can mistake for an
    // export; the race needs two writers choosing one new name at the same instant.
    if (lstatSync(path, { throwIfNoEntry: false })) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
    renameSync(temporary, path);
    return;
  }
  // The file is whole under its name; a stray hidden second name for it is harmless.
  removeQuietly(temporary);
}

/**
 * Makes the new name itself durable, not only the bytes: without this a power
 * cut can lose a rename that had already returned. Windows cannot open a folder
 * as a file, and some filesystems refuse to flush one; the file is complete under
 * its name either way, so only a real I/O error is reported.
 */
function syncDirectory(directory: string): void {
  if (process.platform === 'win32') return;
  let descriptor: number | undefined;
  try {
    descriptor = openSync(directory, constants.O_RDONLY);
    fsyncSync(descriptor);
  } catch (error) {
    if (!directorySyncRefusals.has(codeOf(error) ?? '')) throw error;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or the disk went away; the original error is the one worth reporting.
  }
}
