import { z } from 'zod';
import { photoIdSchema } from '../release/content';
import { photoMimeTypes } from '../photo/limits';
import { method } from './define';

export const photoInfoSchema = z.object({
  id: photoIdSchema,
  mime: z.enum(photoMimeTypes),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  byteSize: z.number().int().positive(),
});
export type PhotoInfo = z.infer<typeof photoInfoSchema>;

export const photoMethods = {
  /** Stores the bytes once, keyed by their SHA-256; the bytes decide the type, not a file name. */
  addPhoto: method(z.object({ bytes: z.instanceof(Uint8Array, { message: 'must be the bytes of an image' }) }).strict(), photoInfoSchema, {
    carries: 'photo',
  }),
  /** Which of these photos this store does not hold: a photo pasted from another Dateline may not be here. */
  missingPhotos: method(z.object({ ids: z.array(photoIdSchema).max(500) }).strict(), z.object({ missing: z.array(photoIdSchema) })),
};
