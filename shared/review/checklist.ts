import type { ReleaseContent } from '../release/content';
import { bodyFigures, bodyPlainText } from '../release/text';

/**
 * Which control a checklist item points at: a field name, or a photo part as
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

/** What must be fixed before a release can go to review, and what is worth a second look. */
export function checkRelease(content: ReleaseContent): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const block = (field: FieldId, message: string) => items.push({ field, message, blocking: true });
  const warn = (field: FieldId, message: string) => items.push({ field, message, blocking: false });

  if (!content.headline.trim()) block('headline', 'The headline is empty.');
  if (!content.dateline.city.trim()) block('dateline.city', 'The dateline has no city.');
  if (!content.dateline.date) block('dateline.date', 'The dateline has no date.');
  if (!bodyPlainText(content.body).trim()) block('body', 'The body is empty.');
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
  if (!content.subheadline.trim()) warn('subheadline', 'There is no subheadline.');
  if (!content.boilerplate.trim()) warn('boilerplate', 'There is no boilerplate ("About …").');
  if (!content.mediaContact.trim()) warn('mediaContact', 'There is no media contact.');
  return items;
}

export const checklistPasses = (content: ReleaseContent) => checkRelease(content).every((item) => !item.blocking);
