import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** Marks a SQLite file as Dateline's (the header's application_id), so another program's file is never migrated by mistake. */
export const datelineApplicationId = 0x44544c4e; // "DTLN"

export type FileIdentity =
  | { kind: 'absent' }
  | { kind: 'empty' }
  | { kind: 'not-sqlite' }
  | { kind: 'foreign'; applicationId: number; userVersion: number }
  | { kind: 'dateline'; userVersion: number };

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');
const headerBytes = 100;
const walHeaderBytes = 32;
const walFrameHeaderBytes = 24;

/**
 * Whose file this is and which schema it holds, decided from the bytes alone:
 * no SQLite connection is opened, so nothing is checkpointed, locked, created
 * or rewritten, and a file that is refused stays byte-identical with its -wal
 * and -shm. The database header is read from the newest committed copy of
 * page 1, which after a crash may still be in the -wal rather than the file.
 */
export function identifyDatabaseFile(file: string): FileIdentity {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw error;
  }
  if (size === 0) return { kind: 'empty' };
  const header = readAt(file, 0, headerBytes);
  if (header.length < headerBytes || !header.subarray(0, 16).equals(sqliteMagic)) return { kind: 'not-sqlite' };
  const newest = newestCommittedPageOne(`${file}-wal`, pageSizeOf(header)) ?? header;
  const userVersion = newest.readUInt32BE(60);
  const applicationId = newest.readUInt32BE(68);
  return applicationId === datelineApplicationId ? { kind: 'dateline', userVersion } : { kind: 'foreign', applicationId, userVersion };
}

/** The header's page size: stored big-endian at offset 16, with 1 meaning 65536. */
function pageSizeOf(header: Buffer): number {
  const raw = header.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}

/**
 * The first 100 bytes of page 1 as of the last commit in the write-ahead log,
 * or null when the log is absent, empty or holds no committed page 1. Frames
 * are trusted only while their salts and running checksums hold, as SQLite's
 * own recovery does: a torn write at the end is not a commit.
 */
function newestCommittedPageOne(walFile: string, pageSize: number): Buffer | null {
  let wal: Buffer;
  try {
    wal = readAt(walFile, 0, statSync(walFile).size);
  } catch {
    return null;
  }
  if (wal.length < walHeaderBytes) return null;
  const magic = wal.readUInt32BE(0);
  if ((magic & 0xfffffffe) !== 0x377f0682 || wal.readUInt32BE(8) !== pageSize) return null;
  const bigEndian = (magic & 1) === 1;
  let checksum = walChecksum(wal.subarray(0, 24), [0, 0], bigEndian);
  if (checksum[0] !== wal.readUInt32BE(24) || checksum[1] !== wal.readUInt32BE(28)) return null;
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)];

  let pendingPageOne: Buffer | null = null;
  let committedPageOne: Buffer | null = null;
  const frameBytes = walFrameHeaderBytes + pageSize;
  for (let offset = walHeaderBytes; offset + frameBytes <= wal.length; offset += frameBytes) {
    const frame = wal.subarray(offset, offset + frameBytes);
    if (frame.readUInt32BE(8) !== salts[0] || frame.readUInt32BE(12) !== salts[1]) break;
    checksum = walChecksum(frame.subarray(0, 8), checksum, bigEndian);
    checksum = walChecksum(frame.subarray(walFrameHeaderBytes), checksum, bigEndian);
    if (checksum[0] !== frame.readUInt32BE(16) || checksum[1] !== frame.readUInt32BE(20)) break;
    if (frame.readUInt32BE(0) === 1) pendingPageOne = frame.subarray(walFrameHeaderBytes, walFrameHeaderBytes + headerBytes);
    // A frame with a database size is the last of a transaction: what came before it is committed.
    if (frame.readUInt32BE(4) !== 0) committedPageOne = pendingPageOne ?? committedPageOne;
  }
  return committedPageOne;
}

/** SQLite's WAL checksum: two running 32-bit sums over pairs of words, in the byte order the log's magic names. */
function walChecksum(data: Buffer, [first, second]: number[], bigEndian: boolean): [number, number] {
  let s0 = first!;
  let s1 = second!;
  for (let index = 0; index + 8 <= data.length; index += 8) {
    const x0 = bigEndian ? data.readUInt32BE(index) : data.readUInt32LE(index);
    const x1 = bigEndian ? data.readUInt32BE(index + 4) : data.readUInt32LE(index + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

function readAt(file: string, position: number, length: number): Buffer {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(descriptor, buffer, 0, length, position);
    return buffer.subarray(0, read);
  } finally {
    closeSync(descriptor);
  }
}
