import type { JSONContent } from '@tiptap/core';
import { releaseFields, type ReleaseField } from './fields';
import { photoTextLimits } from './photo';
import { countBody } from './text';

/**
 * How long a release may be, said once: the schema, the store, the CLI's
 * import, the browser-mode host's request limit and the editor's save status
 * all read it, and all refuse with the same sentence.
 *
 * The body had no limit: a 13 MB body took the host 9.4 s to save, blocking
 * every other call meanwhile. 500,000 characters is about 60,000 words, past
 * the longest statement or transcript a press office publishes and past the
 * 50,000-word body the keystroke benchmark types into (399,000 characters).
 */
export const maxBodyCharacters = 500_000;

/**
 * The body as saved (its JSON, in UTF-8): the same words take more room with
 * formatting, links and photos' captions, and Arabic letters take two bytes
 * each. The benchmark's 50,000 words with their formatting are 0.5 MB; 2 MB
 * leaves four times that, and saved in under 0.2 s on the benchmark machine.
 */
export const maxBodyBytes = 2 * 1024 * 1024;

const megabytes = (bytes: number) => `${bytes / (1024 * 1024)} MB`;

/** What a person is told whenever a release is refused for its length, wherever it was refused. */
export const releaseTooLong =
  `This release is too long to save: the body may have at most ${maxBodyCharacters.toLocaleString('en-GB')} characters ` +
  `(about 60,000 words) and take at most ${megabytes(maxBodyBytes)} with its formatting. Split it into more than one release.`;

/** UTF-8 length without allocating the bytes: the body is measured before every save. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Checked first, on any value: it needs no valid structure, and it bounds the work of every check after it. */
export const bodyBytesWithin = (body: unknown): boolean => utf8Length(JSON.stringify(body) ?? '') <= maxBodyBytes;

/** The characters the editor counts under the body (code points, spaces included). */
export const bodyCharactersWithin = (body: JSONContent): boolean => countBody(body).characters <= maxBodyCharacters;

/** The sentence to refuse a body with, or null when it fits. */
export const bodyLengthProblem = (body: JSONContent): string | null =>
  bodyBytesWithin(body) && bodyCharactersWithin(body) ? null : releaseTooLong;

/**
 * JSON.stringify writes a character as at most six bytes (a control character
 * or a lone surrogate as \u001b), so this many bytes of text fields cannot be
 * exceeded by a release the schema accepts.
 */
const worstBytesPerCharacter = 6;
const textFieldCharacters = Object.values(releaseFields as Record<string, ReleaseField>).reduce(
  (sum, field) => sum + (field.kind === 'text' ? field.maxLength : 0),
  0,
);
const leadPhotoCharacters = photoTextLimits.caption + photoTextLimits.credit + photoTextLimits.alt;
/** Names, punctuation, the language, the release line, dates and the photo's id: a few hundred bytes, with room to spare. */
const structureBytes = 16 * 1024;

/** The largest release the schema accepts, as JSON in UTF-8: a request that carries one is never larger than this plus its envelope. */
export const maxReleaseBytes = maxBodyBytes + worstBytesPerCharacter * (textFieldCharacters + leadPhotoCharacters) + structureBytes;
