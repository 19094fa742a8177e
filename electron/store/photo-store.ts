import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { PhotoInfo } from '@shared/api/photos';
import { failWith } from '@shared/api/result';
import { photoRefusal, sniffPhoto } from '@shared/photo/sniff';
import { writeTransaction } from './write-transaction';

export interface StoredPhoto {
  mime: string;
  bytes: Buffer;
  width: number;
  height: number;
}

/** Photo bytes, stored once each, keyed by the SHA-256 of the bytes. */
export class PhotoStore {
  constructor(private readonly db: Database) {}

  add(bytes: Uint8Array): PhotoInfo {
    const refusal = photoRefusal(bytes);
    if (refusal) failWith('invalid-input', refusal, { field: 'bytes' });
    const { mime, width, height } = sniffPhoto(bytes)!;
    const id = createHash('sha256').update(bytes).digest('hex');
    writeTransaction(this.db, () =>
      this.db
        .prepare(
          `INSERT INTO photos (id, mime, width, height, byte_size, bytes, created_at) VALUES (@id, @mime, @width, @height, @byteSize, @bytes, @at)
           ON CONFLICT (id) DO NOTHING`,
        )
        .run({ id, mime, width, height, byteSize: bytes.length, bytes, at: new Date().toISOString() }),
    );
    return { id, mime, width, height, byteSize: bytes.length };
  }

  get(id: string): StoredPhoto | null {
    return (this.db.prepare(`SELECT mime, bytes, width, height FROM photos WHERE id = ?`).get(id) as StoredPhoto | undefined) ?? null;
  }

  missing(ids: Iterable<string>): string[] {
    const exists = this.db.prepare(`SELECT 1 FROM photos WHERE id = ?`).pluck();
    return [...new Set(ids)].filter((id) => !exists.get(id));
  }
}
