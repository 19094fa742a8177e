import { maxPhotoBytes, maxPhotoSize } from '../photo/limits';
import { maxBodyDepth } from '../release/content';
import { maxReleaseBytes, releaseTooLong } from '../release/limits';
import { isMethodName, contract } from './contract';
import type { MethodSpec, Payload } from './define';

/**
 * How large a request for each method may be on the wire, derived from what
 * it carries, so the largest photo or release the store accepts always fits
 * and anything larger is refused before it is read, in words about what was
 * too large.
 */
export interface RequestLimit {
  bytes: number;
  tooLarge: string;
}

/** The method's name, its other fields and the JSON around them. */
const envelopeBytes = 4 * 1024;

/** Base64 writes 3 bytes as 4 characters. */
const base64Bytes = (bytes: number) => Math.ceil(bytes / 3) * 4;

const limits: Record<Payload | 'text', RequestLimit> = {
  photo: {
    bytes: base64Bytes(maxPhotoBytes) + envelopeBytes,
    tooLarge: `This photo is larger than ${maxPhotoSize}; photos must be ${maxPhotoSize} or smaller.`,
  },
  release: { bytes: maxReleaseBytes + envelopeBytes, tooLarge: releaseTooLong },
  // Comments, reasons and filters: the longest is a 5,000-character comment with its 2,000-character quote.
  text: { bytes: 256 * 1024, tooLarge: 'This request is larger than anything Dateline sends, so it was not read; nothing was changed.' },
};

/** The limit for a method of any contract (the app's, the team server's), from what its spec says it carries. */
export const requestLimitOf = (spec: Pick<MethodSpec, 'carries'> | undefined): RequestLimit => limits[spec?.carries ?? 'text'];

export function requestLimit(method: string): RequestLimit {
  return requestLimitOf(isMethodName(method) ? contract[method] : undefined);
}

/**
 * How deeply a request's JSON may nest: the body's own levels (each a node and
 * its content array), a mark's attributes inside a text node, and the request
 * and release objects around the body.
 */
export const maxRequestDepth = 2 * maxBodyDepth + 3 + 4;
