import { z } from 'zod';

export const photoIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a photo id (a SHA-256 in hex)');

/**
 * A photo placed in a release: the lead photo, and the attributes of every photo
 * in the body. One schema, so both are refused for the same reasons and with the
 * same limits, and every reader (exports, checklist, compare) may trust the types.
 */
/** In characters; the photo fields in the editor stop typing at the same limits, so a save is never refused for them. */
export const photoTextLimits = { caption: 2000, credit: 300, alt: 2000 } as const;

export const photoPlacementSchema = z.object({
  photoId: photoIdSchema,
  caption: z.string().max(photoTextLimits.caption),
  credit: z.string().max(photoTextLimits.credit),
  alt: z.string().max(photoTextLimits.alt),
});

export type PhotoPlacement = z.infer<typeof photoPlacementSchema>;

/** The placement's field names, for the body node's attributes (see figure.ts). */
export const photoPlacementFields = photoPlacementSchema.keyof().options;

/**
 * A body photo node's attributes: the placement, plus the text direction that
 * the editor puts on every body node. Strict, so a stray attribute is named.
 */
export const bodyPhotoAttributesSchema = photoPlacementSchema
  .extend({ dir: z.enum(['ltr', 'rtl', 'auto']).nullable().optional() })
  .strict();

/** Just the placement, whatever else a body node carries. */
export const photoPlacementOf = (attributes: PhotoPlacement): PhotoPlacement => ({
  photoId: attributes.photoId,
  caption: attributes.caption,
  credit: attributes.credit,
  alt: attributes.alt,
});

/** Where the app serves a photo's bytes: the Electron protocol and the browser-mode host both answer here. */
export const photoPathPrefix = '/photos/';
export const photoAddress = (photoId: string) => `${photoPathPrefix}${photoId}`;
