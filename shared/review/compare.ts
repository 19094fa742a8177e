import { diffArrays, diffWords } from 'diff';
import type { JSONContent } from '@tiptap/core';
import { withoutComments } from '../release/body';
import type { Language, PhotoPlacement, ReleaseContent } from '../release/content';
import { formatDatelineDate } from '../release/dateline';
import { compareRowLabel, fieldPaths, fieldText, releaseField, type FieldPathWhere, type TextFieldPath } from '../release/fields';
import { releaseLineText } from '../release/release-line';
import { bodyFigures, bodyLinks, textBlocks, type BodyLink } from '../release/walk';
import { canonicalJson } from './canonical';

export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

/** A change that words cannot show: a link's address, a photo, the language. Null where there is nothing on that side. */
export interface Change {
  what: string;
  before: string | null;
  after: string | null;
}

/** One part of a release compared: a word-by-word diff of its text, and the changes beside the words. */
export interface FieldDiff {
  label: string;
  changed: boolean;
  parts: DiffPart[];
  changes: Change[];
}

const languageNames: Record<Language, string> = { en: 'English', ar: 'Arabic' };

/** Text compared word by word; a change diffWords does not see (spaces, line breaks) is still reported, never hidden. */
function words(label: string, before: string, after: string): FieldDiff {
  const parts: DiffPart[] = diffWords(before, after).map((part) => ({
    text: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }));
  const onlySpacing = before !== after && parts.every((part) => part.change === 'same');
  return {
    label,
    changed: before !== after,
    parts,
    changes: onlySpacing ? [{ what: 'Only spaces or line breaks changed', before: null, after: null }] : [],
  };
}

const changesField = (label: string, changes: Change[]): FieldDiff => ({ label, changed: changes.length > 0, parts: [], changes });

/**
 * The body as a reader sees its words: a block per paragraph or subheading, list items marked.
 * Photos and links are compared on their own.
 */
function bodyText(doc: JSONContent): string {
  return textBlocks(doc)
    .map(({ text, place }) => {
      const [list, item] = place.ancestors.slice(-2);
      // Only an item's first paragraph carries its marker, as on the page.
      if (item?.type !== 'listItem' || place.path.at(-1) !== 0) return text;
      const number = Number(list?.attrs?.start ?? 1) + place.path.at(-2)!;
      return `${list?.type === 'orderedList' ? `${number}.` : '-'} ${text}`;
    })
    .join('\n\n');
}

/** Links paired across versions: same words and address, then same words (the address changed); the rest were added or removed. */
function linkChanges(before: BodyLink[], after: BodyLink[]): Change[] {
  const unmatched = [...before];
  const take = (match: (link: BodyLink) => boolean) => {
    const index = unmatched.findIndex(match);
    return index === -1 ? null : unmatched.splice(index, 1)[0]!;
  };
  const rest = after.filter((link) => !take((old) => old.text === link.text && old.href === link.href));
  const changes: Change[] = [];
  for (const link of rest) {
    const old = take((candidate) => candidate.text === link.text);
    changes.push(
      old
        ? { what: `Link “${link.text}”: the address changed`, before: old.href, after: link.href }
        : { what: `Link added: “${link.text}”`, before: null, after: link.href },
    );
  }
  for (const old of unmatched) changes.push({ what: `Link removed: “${old.text}”`, before: old.href, after: null });
  return changes;
}

/** A photo named as a reader knows it, by its caption; its position only when it has none. */
const photoName = (photo: PhotoPlacement, where: string) =>
  photo.caption.trim() ? `“${photo.caption.trim()}” (${where})` : `${where[0]!.toUpperCase()}${where.slice(1)}, no caption`;
const photoSummary = (photo: PhotoPlacement) => `Caption: ${photo.caption} · Credit: ${photo.credit} · Alt text: ${photo.alt}`;

const photoParts: [keyof PhotoPlacement, string][] = [
  ['caption', 'caption'],
  ['credit', 'credit'],
  ['alt', 'alt text'],
];

/** The same image in both versions: which of its words changed. */
const wordingChanges = (before: PhotoPlacement, after: PhotoPlacement, where: string): Change[] =>
  photoParts
    .filter(([key]) => before[key] !== after[key])
    .map(([key, name]) => ({ what: `${photoName(before, where)}: ${name}`, before: before[key], after: after[key] }));

function leadPhotoChanges(before: PhotoPlacement | null, after: PhotoPlacement | null): Change[] {
  const where = 'the lead photo';
  if (!before && !after) return [];
  if (!before) return [{ what: 'Lead photo added', before: null, after: photoSummary(after!) }];
  if (!after) return [{ what: `Lead photo removed: ${photoName(before, where)}`, before: photoSummary(before), after: null }];
  if (before.photoId !== after.photoId)
    return [
      { what: `${photoName(before, where)} replaced by a different image`, before: photoSummary(before), after: photoSummary(after) },
    ];
  return wordingChanges(before, after, where);
}

/**
 * The body's photos lined up by image, in order: one kept is checked for its
 * words; where images were removed and others added in the same place, each
 * pair is a swap; the rest were added or removed.
 */
function bodyPhotoChanges(before: PhotoPlacement[], after: PhotoPlacement[]): Change[] {
  const where = (index: number) => `photo ${index + 1} in the body`;
  const changes: Change[] = [];
  let old = 0;
  let now = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const closeHunk = () => {
    removed.forEach((from, index) => {
      const to = added[index];
      if (to === undefined)
        changes.push({ what: `Photo removed: ${photoName(before[from]!, where(from))}`, before: photoSummary(before[from]!), after: null });
      else
        changes.push({
          what: `${photoName(before[from]!, where(to))} replaced by a different image`,
          before: photoSummary(before[from]!),
          after: photoSummary(after[to]!),
        });
    });
    for (const to of added.slice(removed.length))
      changes.push({ what: `Photo added: ${photoName(after[to]!, where(to))}`, before: null, after: photoSummary(after[to]!) });
    [removed, added] = [[], []];
  };
  const ids = (photos: PhotoPlacement[]) => photos.map((photo) => photo.photoId);
  for (const run of diffArrays(ids(before), ids(after))) {
    for (let step = 0; step < run.count; step++) {
      if (run.removed) removed.push(old++);
      else if (run.added) added.push(now++);
      else {
        closeHunk();
        changes.push(...wordingChanges(before[old++]!, after[now]!, where(now++)));
      }
    }
  }
  closeHunk();
  return changes;
}

const datelineText = (content: ReleaseContent) =>
  [content.dateline.city, formatDatelineDate(content.dateline.date, content.language)].filter(Boolean).join(', ');

type RowBuilder = (before: ReleaseContent, after: ReleaseContent, label: string) => FieldDiff[];

/** The fields compare cannot show as their own words, each with its rows. */
const ownRows: Record<FieldPathWhere<'compare', 'own'>, RowBuilder> = {
  language: (before, after, label) =>
    before.language === after.language
      ? [changesField(label, [])]
      : [changesField(label, [{ what: label, before: languageNames[before.language], after: languageNames[after.language] }])],
  releaseLine: (before, after, label) => [words(label, releaseLineText(before), releaseLineText(after))],
  leadPhoto: (before, after, label) => [changesField(label, leadPhotoChanges(before.leadPhoto, after.leadPhoto))],
  'dateline.city': (before, after, label) => [words(label, datelineText(before), datelineText(after))],
  body: (before, after, label) => {
    const [oldBody, newBody] = [withoutComments(before.body), withoutComments(after.body)];
    const body = words(label, bodyText(oldBody), bodyText(newBody));
    const links = changesField('Links', linkChanges(bodyLinks(oldBody), bodyLinks(newBody)));
    const photos = changesField('Photos in the body', bodyPhotoChanges(bodyFigures(oldBody), bodyFigures(newBody)));
    if (!body.changed && !links.changed && !photos.changed && canonicalJson(oldBody) !== canonicalJson(newBody)) {
      body.changed = true;
      body.changes.push({ what: 'Formatting changed (bold, italic, underline, subheadings, lists or quotes)', before: null, after: null });
    }
    return [body, links, photos];
  },
};

/**
 * Two versions of a release, everything a reviewer must approve again, in the
 * table's order: every field's words, the language, link addresses, photos
 * added, removed or swapped and their caption, credit and alt text. Nothing
 * that changes what is approved (canonical.ts) is left out: a body change that
 * is none of these is reported as formatting.
 */
export function compareContent(before: ReleaseContent, after: ReleaseContent): FieldDiff[] {
  return fieldPaths.flatMap((path) => {
    const { compare } = releaseField(path);
    const label = compareRowLabel(path);
    if (compare === 'words') return [words(label, fieldText(before, path as TextFieldPath), fieldText(after, path as TextFieldPath))];
    if (compare === 'own') return ownRows[path as keyof typeof ownRows](before, after, label);
    return [];
  });
}
