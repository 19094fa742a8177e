import { releaseContent } from './release-content';

/**
 * What the kill test's writer saves as each version of a release: a function of
 * the release and its version alone, so any row found after the kills can be
 * checked word for word, whether or not its save was acknowledged.
 */
export function savedContent(id: string, version: number) {
  return version === 1
    ? releaseContent({ headline: 'Saved flat out', bodyText: ['First words.'] })
    : releaseContent({
        language: version % 2 === 0 ? 'ar' : 'en',
        headline: `Version ${version}`,
        subheadline: 'ميناء أبوظبي يفتح الرصيف الشرقي',
        bodyText: [`${id} at version ${version}.`, 'x'.repeat((version * 37) % 2000)],
      });
}
