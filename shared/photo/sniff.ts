import { maxPhotoBytes, maxPhotoPixels, maxPhotoSize, photoFormatNames, type PhotoMimeType } from './limits';

const maxSide = 40_000;

export interface SniffedPhoto {
  mime: PhotoMimeType;
  width: number;
  height: number;
}

/**
 * What the bytes are, read from the bytes themselves (never the file name), or
 * null when they are not a whole image of a kind Dateline takes (see limits.ts).
 */
export function sniffPhoto(bytes: Uint8Array): SniffedPhoto | null {
  const found = sniffPng(bytes) ?? sniffGif(bytes) ?? sniffWebp(bytes) ?? sniffJpeg(bytes);
  if (!found || found.width < 1 || found.height < 1 || found.width > maxSide || found.height > maxSide) return null;
  return found;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));
const u16le = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8);
const u16be = (bytes: Uint8Array, at: number) => (bytes[at]! << 8) | bytes[at + 1]!;
const u24le = (bytes: Uint8Array, at: number) => u16le(bytes, at) | (bytes[at + 2]! << 16);
const u32be = (bytes: Uint8Array, at: number) =>
  ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!;
const u32le = (bytes: Uint8Array, at: number) => u24le(bytes, at) + bytes[at + 3]! * 0x1000000;

function sniffPng(bytes: Uint8Array): SniffedPhoto | null {
  if (!startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || !startsWith(bytes, ascii('IHDR'), 12)) return null;
  // A PNG cut short (an interrupted download) has no IEND chunk at its end.
  if (!startsWith(bytes, ascii('IEND'), bytes.length - 8)) return null;
  return { mime: 'image/png', width: u32be(bytes, 16), height: u32be(bytes, 20) };
}

function sniffGif(bytes: Uint8Array): SniffedPhoto | null {
  if (!startsWith(bytes, ascii('GIF87a')) && !startsWith(bytes, ascii('GIF89a'))) return null;
  if (bytes.length < 14 || bytes[bytes.length - 1] !== 0x3b) return null;
  return { mime: 'image/gif', width: u16le(bytes, 6), height: u16le(bytes, 8) };
}

function sniffWebp(bytes: Uint8Array): SniffedPhoto | null {
  if (!startsWith(bytes, ascii('RIFF')) || !startsWith(bytes, ascii('WEBP'), 8) || bytes.length < 30) return null;
  if (u32le(bytes, 4) + 8 !== bytes.length) return null;
  if (startsWith(bytes, ascii('VP8X'), 12)) {
    return { mime: 'image/webp', width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 };
  }
  if (startsWith(bytes, ascii('VP8L'), 12) && bytes[20] === 0x2f) {
    const bits = u32le(bytes, 21);
    return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (startsWith(bytes, ascii('VP8 '), 12) && startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) {
    return { mime: 'image/webp', width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  }
  return null;
}

const startOfFrameMarkers = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function sniffJpeg(bytes: Uint8Array): SniffedPhoto | null {
  if (!startsWith(bytes, [0xff, 0xd8, 0xff])) return null;
  // Walk the segment headers: the frame header holds the size; the scan that
  // follows must end in an end-of-image marker, or the file was cut short.
  let size: SniffedPhoto | null = null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = u16be(bytes, at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return null;
    if (startOfFrameMarkers.has(marker)) size = { mime: 'image/jpeg', width: u16be(bytes, at + 7), height: u16be(bytes, at + 5) };
    if (marker === 0xda) return size && hasEndOfImage(bytes, at + 2 + length) ? size : null;
    at += 2 + length;
  }
  return null;
}

/** Inside scan data a 0xFF byte is always followed by 0x00 or a restart marker, so 0xFF 0xD9 is the real end. */
function hasEndOfImage(bytes: Uint8Array, from: number): boolean {
  for (let at = bytes.indexOf(0xff, from); at !== -1 && at + 1 < bytes.length; at = bytes.indexOf(0xff, at + 1)) {
    if (bytes[at + 1] === 0xd9) return true;
  }
  return false;
}

const megabyte = 1024 * 1024;

/**
 * The refusal of a file over the size limit, in the words the photo slot uses
 * for the limit ("25 MB"); the size is rounded up, so a file just over the
 * limit never reads as the limit itself.
 */
export const photoTooLarge = (byteCount: number) =>
  `This image is ${(Math.ceil((byteCount / megabyte) * 10) / 10).toFixed(1)} MB; photos must be ${maxPhotoSize} or smaller.`;

/** The message a person sees when a photo is refused, or null when the photo is accepted. */
export function photoRefusal(bytes: Uint8Array): string | null {
  if (bytes.length > maxPhotoBytes) return photoTooLarge(bytes.length);
  if (bytes.length === 0) return 'This file is empty.';
  const photo = sniffPhoto(bytes);
  if (!photo) return `This file is not a complete ${photoFormatNames} image.`;
  if (photo.width * photo.height > maxPhotoPixels) {
    const megapixels = Math.round((photo.width * photo.height) / 1_000_000);
    return `This image is ${photo.width}×${photo.height} pixels (${megapixels} megapixels); photos may have at most ${maxPhotoPixels / 1_000_000} megapixels. Save a smaller copy and add that.`;
  }
  return null;
}
