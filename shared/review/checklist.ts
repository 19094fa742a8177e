import type { JSONContent } from '@tiptap/core';
import type { ReleaseContent } from '../release/content';
import { fieldPaths, fieldValue, releaseField, ruleMessage, type FieldKind } from '../release/fields';
import { bodyFigures, bodyPlainText } from '../release/text';

/**
 * Which control a checklist item points at: a field's path in the table
 * (fields.ts), a part of the embargo ("releaseLine.time"), or a photo part as
 * "photo:lead:credit" or "photo:<n>:alt" (the n-th photo in the body, from 0).
 */
export type FieldId = string;

/** The words every photo needs before review, lead photo and body alike, in the order they are asked for. */
const photoParts = [
  { part: 'caption', label: 'caption' },
  { part: 'credit', label: 'credit' },
  { part: 'alt', label: 'alt text' },
] as const;
export type PhotoPart = (typeof photoParts)[number];

/** What this photo still lacks before the release can go to review. */
export function missingPhotoParts(photo: Record<PhotoPart['part'], string>): PhotoPart[] {
  return photoParts.filter(({ part }) => !photo[part].trim());
}

export interface ChecklistItem {
  field: FieldId;
  message: string;
  blocking: boolean;
}

/** Whether a field counts as left empty, by its kind; a language or release line always has a value. */
const emptyByKind: Record<FieldKind, (value: unknown) => boolean> = {
  language: () => false,
  releaseLine: () => false,
  text: (value) => !String(value).trim(),
  date: (value) => !value,
  photo: (value) => value === null,
  body: (value) => !bodyPlainText(value as JSONContent).trim(),
};

/** The fields whose rule is of this weight, left empty, as checklist items: the table's rules, in its order. */
const emptyFieldItems = (content: ReleaseContent, blocking: boolean): ChecklistItem[] =>
  fieldPaths
    .filter((path) => releaseField(path).checklist?.blocking === blocking)
    .filter((path) => emptyByKind[releaseField(path).kind](fieldValue(content, path)))
    .map((path) => ({ field: path, message: ruleMessage(path)!, blocking }));

/** What must be fixed before a release can go to review, and what is worth a second look. */
export function checkRelease(content: ReleaseContent): ChecklistItem[] {
  const items = emptyFieldItems(content, true);
  const block = (field: FieldId, message: string) => items.push({ field, message, blocking: true });

  if (content.releaseLine.kind === 'embargoed') {
    if (!content.releaseLine.date) block('releaseLine.date', 'The embargo has no date.');
    if (!content.releaseLine.time) block('releaseLine.time', 'The embargo has no time.');
    if (!content.releaseLine.timeZone) block('releaseLine.timeZone', 'The embargo has no time zone.');
  }
  const photos = [
    ...(content.leadPhoto ? [{ key: 'lead', name: 'The lead photo', photo: content.leadPhoto }] : []),
    ...bodyFigures(content.body).map((photo, index) => ({ key: String(index), name: `Photo ${index + 1} in the body`, photo })),
  ];
  for (const { key, name, photo } of photos) {
    for (const { part, label } of missingPhotoParts(photo)) block(`photo:${key}:${part}`, `${name} has no ${label}.`);
  }
  return [...items, ...emptyFieldItems(content, false)];
}

export const checklistPasses = (content: ReleaseContent) => checkRelease(content).every((item) => !item.blocking);
