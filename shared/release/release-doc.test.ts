import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sampleReleases } from '../export/sample-releases';
import { canonicalContent } from '../review/canonical';
import { bodySchema, type BodyDoc } from './body';
import { releaseContentSchema } from './content';
import { isSeeded, observeReleaseFields, releaseContentOf, seedReleaseDoc, setReleaseField } from './release-doc';

const copyOf = (doc: Y.Doc) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};
const exchange = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
};

describe('a release as a Yjs document', () => {
  it('reads back every sample release exactly as it was seeded, and the result passes the content schema', () => {
    for (const content of Object.values(sampleReleases)) {
      const doc = new Y.Doc();
      expect(isSeeded(doc)).toBe(false);
      seedReleaseDoc(doc, content);
      expect(isSeeded(doc)).toBe(true);
      const read = releaseContentOf(copyOf(doc));
      // As the editor writes it: the schema's default attributes (a paragraph's direction) filled in.
      const asEdited = { ...content, body: bodySchema.nodeFromJSON(content.body).toJSON() as BodyDoc };
      expect(canonicalContent(read)).toBe(canonicalContent(asEdited));
      expect(releaseContentSchema.safeParse(read).success).toBe(true);
    }
  });

  it('keeps both people’s words when the same headline is edited on two copies apart', () => {
    const writer = new Y.Doc();
    seedReleaseDoc(writer, { ...sampleReleases.embargoed!, headline: 'Port opens' });
    const reviewer = copyOf(writer);
    setReleaseField(writer, 'headline', 'New port opens');
    setReleaseField(reviewer, 'headline', 'Port opens on Monday');
    exchange(writer, reviewer);
    expect(releaseContentOf(writer).headline).toBe('New port opens on Monday');
    expect(releaseContentOf(reviewer).headline).toBe(releaseContentOf(writer).headline);
  });

  it('never splits a character written as a surrogate pair', () => {
    const doc = new Y.Doc();
    seedReleaseDoc(doc, { ...sampleReleases.embargoed!, headline: 'Launch 🚀' });
    setReleaseField(doc, 'headline', 'Launch 🚁');
    expect(releaseContentOf(doc).headline).toBe('Launch 🚁');
  });

  it('replaces whole values for the release line and says which fields changed and whether here', () => {
    const doc = new Y.Doc();
    seedReleaseDoc(doc, sampleReleases.embargoed!);
    const seen: [string[], boolean][] = [];
    observeReleaseFields(doc, (paths, local) => seen.push([paths, local]));
    setReleaseField(doc, 'releaseLine', { kind: 'embargoed', date: '2026-12-01', time: '09:00', timeZone: 'Europe/London' });
    setReleaseField(doc, 'dateline.city', 'Dubai');
    const remote = copyOf(doc);
    observeReleaseFields(remote, (paths, local) => seen.push([paths, local]));
    setReleaseField(doc, 'headline', 'Changed');
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(remote)));
    expect(seen).toEqual([
      [['releaseLine'], true],
      [['dateline.city'], true],
      [['headline'], true],
      [['headline'], false],
    ]);
    expect(releaseContentOf(remote).releaseLine).toEqual({
      kind: 'embargoed',
      date: '2026-12-01',
      time: '09:00',
      timeZone: 'Europe/London',
    });
  });
});
