/**
 * What a photo may be, said once: the store refuses by these, the file picker
 * offers them, browser mode sizes its request limit by them, and every message
 * that names them is built from them, so they cannot drift apart.
 */
export const photoMimeTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type PhotoMimeType = (typeof photoMimeTypes)[number];

const formatNames: Record<PhotoMimeType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'image/gif': 'GIF' };

/** The formats as a person reads them in a message: "JPEG, PNG, WebP or GIF". */
export const photoFormatNames = new Intl.ListFormat('en-GB', { type: 'disjunction' }).format(
  photoMimeTypes.map((mime) => formatNames[mime]),
);

/** What the file picker offers. */
export const photoAccept = photoMimeTypes.join(',');

export const maxPhotoBytes = 25 * 1024 * 1024;

/** "25 MB": the limit as a person reads it before picking a file. */
export const maxPhotoSize = `${maxPhotoBytes / (1024 * 1024)} MB`;

/**
 * Decoding needs about four bytes a pixel: a 16000×16000 PNG of under 1 MB
 * took the renderer to 2.2 GB. 50 megapixels covers every camera a press office
 * uses (a 45 MP full-frame image is 8192×5464); the header says how many there
 * are before anything is decoded.
 */
export const maxPhotoPixels = 50_000_000;
