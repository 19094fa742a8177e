/**
 * JSON for HTTP transport that keeps byte arrays (photo uploads) intact, so the
 * browser-mode host receives exactly what Electron IPC would deliver.
 */
const bytesTag = '$bytes';

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let at = 0; at < bytes.length; at += chunk) binary += String.fromCharCode(...bytes.subarray(at, at + chunk));
  return btoa(binary);
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function toWire(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? { [bytesTag]: bytesToBase64(item) } : item));
}

/** Throws SyntaxError on malformed JSON or a malformed byte string. */
export function fromWire(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const keys = Object.keys(item);
      const encoded = (item as Record<string, unknown>)[bytesTag];
      if (keys.length === 1 && typeof encoded === 'string') {
        try {
          return base64ToBytes(encoded);
        } catch {
          throw new SyntaxError('a byte string is not valid base64');
        }
      }
    }
    return item;
  });
}

/**
 * Whether JSON text nests arrays and objects deeper than the limit, found by
 * counting brackets outside strings, without recursion: JSON.parse on 100,000
 * nested arrays overflows the stack, which looked like malformed JSON. Text
 * that is not JSON gets an answer too; JSON.parse then says what is wrong with it.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const character = text.charCodeAt(index);
    if (inString) {
      if (character === 0x5c) index++;
      else if (character === 0x22) inString = false;
    } else if (character === 0x22) inString = true;
    else if (character === 0x5b || character === 0x7b) {
      if (++depth > limit) return true;
    } else if (character === 0x5d || character === 0x7d) depth--;
  }
  return false;
}
