import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { failWith } from '@shared/api/result';

/**
 * Writes a whole file or nothing: the bytes go to a hidden temporary file beside
 * the target, are flushed to disk, and only then take the target's name. A crash
 * midway leaves no file under the target's name. An existing file is replaced
 * only when overwrite is asked for.
 */
export function writeFileSafely(path: string, data: string | Uint8Array, { overwrite = false } = {}): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const descriptor = openSync(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written, bytes.length - written);
    fsyncSync(descriptor);
  } catch (error) {
    closeSync(descriptor);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(descriptor);
  try {
    if (overwrite) renameSync(temporary, path);
    else {
      // link() fails if the name exists, so another writer's file is never replaced in a race.
      linkSync(temporary, path);
      unlinkSync(temporary);
    }
  } catch (error) {
    unlinkSync(temporary);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') failWith('refused', `${basename(path)} already exists; it was not replaced.`);
    throw error;
  }
}
