import type { ReleaseContent } from '@shared/release/content';

/**
 * Spell-check languages for a release's language. Windows and Linux check with
 * the Hunspell dictionaries Dateline ships; Chromium has none for Arabic there,
 * so an Arabic release is checked only where the system checker knows Arabic
 * (macOS, which picks the language itself and ignores this list).
 */
export const spellCheckLanguages: Record<ReleaseContent['language'], string[]> = {
  en: ['en-US', 'en-GB'],
  ar: [],
};
