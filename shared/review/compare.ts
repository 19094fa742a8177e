import { diffWords } from 'diff';
import type { JSONContent } from '@tiptap/core';
import type { PhotoPlacement, ReleaseContent, ReleaseLine } from '../release/content';
import { formatDateline } from '../release/dateline';

export interface DiffPart {
  text: string;
  change: 'same' | 'added' | 'removed';
}

export interface FieldDiff {
  label: string;
  changed: boolean;
  parts: DiffPart[];
}

const releaseLineText = (line: ReleaseLine) =>
  line.kind === 'immediate' ? 'For immediate release' : `Embargoed until ${line.date || '(no date)'} ${line.time || '(no time)'} ${line.timeZone}`;

const photoText = (photo: PhotoPlacement | null) =>
  photo ? `[photo ${photo.photoId.slice(0, 8)}] Caption: ${photo.caption} · Credit: ${photo.credit} · Alt text: ${photo.alt}` : '';

/** The body as a reader sees it, a block per paragraph, photos as their captions. */
function bodyText(node: JSONContent): string {
  const blocks: string[] = [];
  const visit = (current: JSONContent, prefix: string) => {
    switch (current.type) {
      case 'paragraph':
      case 'heading':
        blocks.push(prefix + (current.content ?? []).map((inline) => (inline.type === 'hardBreak' ? '\n' : (inline.text ?? ''))).join(''));
        return;
      case 'figure':
        blocks.push(`[Photo: ${current.attrs?.caption ?? ''} (${current.attrs?.credit ?? ''})]`);
        return;
      case 'listItem':
        current.content?.forEach((child, index) => visit(child, index === 0 ? prefix : ''));
        return;
      case 'bulletList':
        current.content?.forEach((child) => visit(child, '- '));
        return;
      case 'orderedList':
        current.content?.forEach((child, index) => visit(child, `${index + 1}. `));
        return;
      default:
        current.content?.forEach((child) => visit(child, prefix));
    }
  };
  visit(node, '');
  return blocks.join('\n\n');
}

/** Every field of two versions of a release, word by word: what was removed, what was added. */
export function compareContent(before: ReleaseContent, after: ReleaseContent): FieldDiff[] {
  const fields: [string, (content: ReleaseContent) => string][] = [
    ['Release line', (content) => releaseLineText(content.releaseLine)],
    ['Headline', (content) => content.headline],
    ['Subheadline', (content) => content.subheadline],
    ['Lead photo', (content) => photoText(content.leadPhoto)],
    ['Dateline', (content) => formatDateline(content.dateline, content.language)],
    ['Body', (content) => bodyText(content.body)],
    ['Boilerplate', (content) => content.boilerplate],
    ['Media contact', (content) => content.mediaContact],
    ['Sign-off', (content) => content.signOff],
    ['End mark', (content) => content.endMark],
  ];
  return fields.map(([label, text]) => {
    const parts: DiffPart[] = diffWords(text(before), text(after)).map((part) => ({
      text: part.value,
      change: part.added ? 'added' : part.removed ? 'removed' : 'same',
    }));
    return { label, changed: parts.some((part) => part.change !== 'same'), parts };
  });
}
