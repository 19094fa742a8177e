// One phase of the export benchmark, in a process of its own so that its peak
// memory (maxRSS) is its own. Prints one JSON line.
import { generateText } from '@tiptap/core';
import { generateHTML } from '@tiptap/html/server';
import { bodyExtensions } from '@shared/release/body';
import type { ReleaseContent } from '@shared/release/content';
import type { PhotoSource } from '@shared/export/html';
import { defaultExportOptions } from '@shared/export/options';
import { renderRelease } from '@shared/export/render';
import { samplePhotoId, sampleReleases } from '@shared/export/sample-releases';

const releaseCount = 1000;
const photos: PhotoSource = (id) =>
  id === samplePhotoId ? { mime: 'image/gif', base64: 'R0lGODlhAQABAAAAACw=', width: 1, height: 1 } : null;
const words =
  'port authority minister statement budget harbour quay vessel container berth capacity schedule council report figures growth city media office public'.split(
    ' ',
  );

/** A thousand different releases of about 350 words, built the same way for every phase. */
function releases(): ReleaseContent[] {
  const samples = Object.values(sampleReleases);
  return Array.from({ length: releaseCount }, (_, index) => {
    const sample = samples[index % samples.length]!;
    const extra = Array.from({ length: 12 }, (_, paragraph) => ({
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: Array.from({ length: 26 }, (_, word) => words[(index + paragraph * 3 + word * 7) % words.length]).join(' ') + '.',
        },
      ],
    }));
    return {
      ...sample,
      headline: `${sample.headline} ${index}`,
      body: { ...sample.body, content: [...(sample.body.content ?? []), ...extra] } as ReleaseContent['body'],
    };
  });
}

const phases: Record<string, (content: ReleaseContent) => string> = {
  'dateline-html': (content) => renderRelease(content, 'html', defaultExportOptions, false, photos),
  'dateline-text': (content) => renderRelease(content, 'txt', defaultExportOptions, false, photos),
  'tiptap-generateHTML': (content) => generateHTML(content.body, bodyExtensions),
  'tiptap-generateText': (content) => generateText(content.body, bodyExtensions),
};

const phase = process.argv[2]!;
const run = phases[phase];
if (!run) throw new Error(`unknown phase ${phase}`);
const documents = releases();
for (const content of documents.slice(0, 100)) run(content);
const started = performance.now();
let bytes = 0;
for (const content of documents) bytes += run(content).length;
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    phase,
    releases: releaseCount,
    ms,
    perSecond: (releaseCount / ms) * 1000,
    outputChars: bytes,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
