import { describe, expect, expectTypeOf, it } from 'vitest';
import { sampleReleases } from '../export/sample-releases';
import { canonicalContent, canonicalJson } from '../review/canonical';
import { checkRelease } from '../review/checklist';
import { compareContent } from '../review/compare';
import { withoutComments } from './body';
import { emptyReleaseContent, releaseContentSchema, type ReleaseContent } from './content';
import { compareRowLabel, fieldPatch, fieldPaths, fieldValue, releaseField, ruleMessage, type FieldKind, type FieldPath } from './fields';

type TopKey<Path extends string> = Path extends `${infer Top}.${string}` ? Top : Path;
type InnerKey<Path extends string, Top extends string> = Path extends `${Top}.${infer Inner}` ? Inner : never;

const complete: ReleaseContent = { ...sampleReleases.embargoed!, leadPhoto: null, endMark: '###' };

/** A different, valid value for a field of each kind. */
const changeByKind: Record<FieldKind, (value: unknown) => unknown> = {
  language: (value) => (value === 'en' ? 'ar' : 'en'),
  releaseLine: () => ({ kind: 'embargoed', date: '2027-01-02', time: '10:00', timeZone: 'Europe/London' }),
  text: (value) => `${String(value)} x`,
  date: () => '2027-01-02',
  photo: (value) => (value ? null : { photoId: 'b'.repeat(64), caption: 'The quay', credit: 'Media Office', alt: 'The quay at dawn' }),
  body: () => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Other words.' }] }] }),
};
const withChanged = (content: ReleaseContent, path: FieldPath): ReleaseContent => ({
  ...content,
  ...fieldPatch(content, path, changeByKind[releaseField(path).kind](fieldValue(content, path))),
});

describe('the release field table', () => {
  it('has an entry for every field of a release, and nothing else', () => {
    expectTypeOf<TopKey<FieldPath>>().toEqualTypeOf<keyof ReleaseContent>();
    expectTypeOf<InnerKey<FieldPath, 'dateline'>>().toEqualTypeOf<keyof ReleaseContent['dateline']>();

    const leaves = Object.entries(emptyReleaseContent()).flatMap(([key, value]) =>
      key === 'dateline' ? Object.keys(value as object).map((inner) => `${key}.${inner}`) : [key],
    );
    expect([...fieldPaths].sort()).toEqual(leaves.sort());
    expect(Object.keys(releaseContentSchema.shape).sort()).toEqual([...new Set(fieldPaths.map((path) => path.split('.')[0]))].sort());
  });

  it('is the schema’s limit for every text field, and the refusal names the field', () => {
    for (const path of fieldPaths) {
      const field = releaseField(path);
      if (field.kind !== 'text') continue;
      const atLimit = { ...complete, ...fieldPatch(complete, path, 'x'.repeat(field.maxLength)) };
      expect(releaseContentSchema.safeParse(atLimit).success, path).toBe(true);
      const over = releaseContentSchema.safeParse({ ...complete, ...fieldPatch(complete, path, 'x'.repeat(field.maxLength + 1)) });
      expect(
        over.error?.issues.map((issue) => issue.path.join('.')),
        path,
      ).toEqual([path]);
    }
  });

  it('gives the checklist its rules and its words, made from the labels', () => {
    expect(checkRelease(complete)).toEqual([]);
    for (const path of fieldPaths) {
      const { checklist, label, kind } = releaseField(path);
      if (!checklist) continue;
      const empty = kind === 'body' ? emptyReleaseContent().body : '';
      const items = checkRelease({ ...complete, ...fieldPatch(complete, path, empty) });
      expect(items, path).toEqual([{ field: path, message: ruleMessage(path), blocking: checklist.blocking }]);
      if (!checklist.message) expect(items[0]!.message).toContain(label.toLocaleLowerCase('en'));
    }
    expect(checkRelease({ ...complete, headline: ' ' })[0]!.message).toBe('The headline is empty.');
    expect(checkRelease({ ...complete, subheadline: '' })[0]!.message).toBe('There is no subheadline.');
  });

  it('has every content field reported by compare and bound by the approval hash', () => {
    for (const path of fieldPaths.filter((path) => releaseField(path).content)) {
      const after = withChanged(complete, path);
      expect(releaseContentSchema.safeParse(after).success, path).toBe(true);
      expect(canonicalContent(after), path).not.toBe(canonicalContent(complete));
      const changed = compareContent(complete, after)
        .filter((row) => row.changed)
        .map((row) => row.label);
      // Under its own row's label; a change of language also shows in the words it changes (release line, dateline).
      expect(changed, path).toContain(compareRowLabel(path));
      if (releaseField(path).compare === 'words') expect(changed, path).toEqual([releaseField(path).label]);
    }
  });

  it('keeps the approval hash as it was, so no existing approval goes stale', () => {
    for (const content of Object.values(sampleReleases))
      expect(canonicalContent(content)).toBe(canonicalJson({ ...content, body: withoutComments(content.body) }));
  });

  it('labels the compare rows with the table’s labels, in its order', () => {
    const labels = compareContent(complete, complete).map((row) => row.label);
    const rowLabels = [...new Set(fieldPaths.map(compareRowLabel))];
    expect(labels.filter((label) => rowLabels.includes(label))).toEqual(rowLabels);
    expect(compareRowLabel('dateline.date')).toBe(compareRowLabel('dateline.city'));
  });
});
