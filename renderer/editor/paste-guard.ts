import { Extension } from '@tiptap/core';
import { Fragment, Slice, type Mark, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { Mappable } from '@tiptap/pm/transform';
import type { EditorView } from '@tiptap/pm/view';
import { photoPlacementOf, photoPlacementSchema, type PhotoPlacement } from '@shared/release/photo';

export interface PasteGuardOptions {
  /**
   * Whether a comment with this id belongs to the release being edited.
   * @default () => false
   */
  isKnownComment: (commentId: string) => boolean;
  /**
   * Told, in words for the person, what a paste could not bring along.
   * @default () => {}
   */
  onDropped: (message: string) => void;
  /**
   * Which of these photos the store does not hold; null when it cannot say (the save will).
   * @default async () => null
   */
  missingPhotos: (ids: string[]) => Promise<string[] | null>;
}

/**
 * What is pasted (from another release, another Dateline, a web page) is held
 * to the rules the store applies on save, so a paste can never leave the
 * release unsaveable: a photo whose placement the schema refuses is dropped,
 * and so is one whose image is not in this Dateline's store (a paste with
 * photos waits for the store to say which it holds); comment anchors from
 * another release are removed, keeping their words; links keep only their address.
 */
export const PasteGuard = Extension.create<PasteGuardOptions>({
  name: 'pasteGuard',

  addOptions() {
    return { isKnownComment: () => false, onDropped: () => {}, missingPhotos: async () => null };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<PendingInsertions>({
        key: pendingKey,
        state: {
          init: () => new Map(),
          // Where each waiting insertion goes follows the document as it changes meanwhile.
          apply: (tr, pending) => {
            const change = tr.getMeta(pendingKey) as PendingChange | undefined;
            if (pending.size === 0 && !change) return pending;
            const next: PendingInsertions = new Map();
            for (const [token, range] of pending) next.set(token, mapPending(range, tr.mapping));
            if (change?.add) next.set(change.add.token, change.add.range);
            if (change?.remove) next.delete(change.remove);
            return next;
          },
        },
        props: {
          transformPasted: (slice) => {
            const dropped = new Set<string>();
            const cleaned = cleanFragment(slice.content, options, dropped, () => true);
            for (const message of dropped) options.onDropped(message);
            return cleaned === slice.content ? slice : safeSlice(cleaned, slice);
          },
          handlePaste: (view, _event, slice) => {
            const ids = photoIdsIn(slice.content);
            if (ids.size === 0) return false;
            const { from, to } = view.state.selection;
            void insertWithPhotosInStore(view, slice, [...ids], { from, to }, options);
            return true;
          },
          handleDrop: (view, event, slice, moved) => {
            const ids = photoIdsIn(slice.content);
            // A figure moved within this release is already in its store.
            if (moved || ids.size === 0) return false;
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
            if (!at) return false;
            event.preventDefault();
            void insertWithPhotosInStore(view, slice, [...ids], { from: at.pos, to: at.pos }, options);
            return true;
          },
        },
      }),
    ];
  },
});

interface Range {
  from: number;
  to: number;
}

/**
 * Where a waiting insertion goes once the document has changed: words typed at
 * the place meanwhile stay after it, and a selection typed over meanwhile is
 * no longer replaced (its words are the person's newer ones).
 */
function mapPending(range: Range, mapping: Mappable): Range {
  const from = mapping.map(range.from, -1);
  const end = mapping.mapResult(range.to, -1);
  return { from, to: end.deletedBefore ? from : Math.max(from, end.pos) };
}
type PendingInsertions = Map<symbol, Range>;
type PendingChange = { add?: { token: symbol; range: Range }; remove?: symbol };
const pendingKey = new PluginKey<PendingInsertions>('pasteGuard');

/**
 * Inserts a pasted or dropped slice once the store has said which of its photos
 * it holds; the others are left out, and so are all of them if it cannot say
 * (a photo the store lacks would make every later save fail). The slice lands
 * where it was pasted, wherever typing meanwhile has moved that place, and not
 * at all if the release has turned read-only meanwhile.
 */
async function insertWithPhotosInStore(
  view: EditorView,
  slice: Slice,
  ids: string[],
  range: Range,
  options: PasteGuardOptions,
): Promise<void> {
  const token = Symbol('pending insertion');
  view.dispatch(view.state.tr.setMeta(pendingKey, { add: { token, range } } satisfies PendingChange).setMeta('addToHistory', false));
  const answer = await options.missingPhotos(ids);
  if (view.isDestroyed) return;
  const target = pendingKey.getState(view.state)?.get(token);
  const done = view.state.tr.setMeta(pendingKey, { remove: token } satisfies PendingChange);
  if (!target || !view.editable) {
    view.dispatch(done.setMeta('addToHistory', false));
    options.onDropped('The paste was not inserted: the release became read-only before Dateline had checked its photos.');
    return;
  }
  const missing = new Set(answer ?? ids);
  const dropped = new Set<string>();
  const cleaned = cleanFragment(slice.content, options, dropped, (photoId) => !missing.has(photoId));
  if (answer === null) options.onDropped('Pasted photos were left out: Dateline could not check them against its store. Paste them again.');
  else if (missing.size > 0)
    options.onDropped('A pasted photo was left out: its image is not in this Dateline. Paste or insert the image itself.');
  const tr = done.replaceRange(target.from, target.to, cleaned === slice.content ? slice : safeSlice(cleaned, slice));
  view.dispatch(tr.scrollIntoView().setMeta('paste', true).setMeta('uiEvent', 'paste'));
}

function cleanFragment(
  fragment: Fragment,
  options: PasteGuardOptions,
  dropped: Set<string>,
  inStore: (photoId: string) => boolean,
): Fragment {
  let changed = false;
  const nodes: ProseMirrorNode[] = [];
  fragment.forEach((node) => {
    if (node.type.name === 'figure' && !photoPlacementSchema.safeParse(photoPlacementOf(node.attrs as PhotoPlacement)).success) {
      dropped.add('A pasted photo was left out: it was not a photo from Dateline.');
      changed = true;
      return;
    }
    if (node.type.name === 'figure' && !inStore(String(node.attrs.photoId))) {
      changed = true;
      return;
    }
    const marks = cleanMarks(node.marks, options, dropped);
    const content = cleanFragment(node.content, options, dropped, inStore);
    if (marks === node.marks && content === node.content) return void nodes.push(node);
    changed = true;
    if (node.isText) return void nodes.push(node.mark(marks));
    // A node left without the content it needs (a list item whose only part was a refused photo) goes too.
    if (node.type.validContent(content)) nodes.push(node.type.create(node.attrs, content, marks));
  });
  return changed ? Fragment.from(nodes) : fragment;
}

function cleanMarks(marks: readonly Mark[], options: PasteGuardOptions, dropped: Set<string>): readonly Mark[] {
  let changed = false;
  const kept: Mark[] = [];
  for (const mark of marks) {
    if (mark.type.name === 'comment' && !options.isKnownComment(String(mark.attrs.commentId))) {
      dropped.add('Comments from elsewhere stay there: the pasted words came without them.');
      changed = true;
      continue;
    }
    const plainLink = mark.type.name === 'link' ? mark.type.create({ href: mark.attrs.href }) : mark;
    if (!plainLink.eq(mark)) changed = true;
    kept.push(plainLink);
  }
  return changed ? kept : marks;
}

/** The slice with cleaned content; its open edges only while the nodes they opened are still there. */
function safeSlice(content: Fragment, original: Slice): Slice {
  const sameEdges = content.firstChild === original.content.firstChild && content.lastChild === original.content.lastChild;
  try {
    return sameEdges ? new Slice(content, original.openStart, original.openEnd) : new Slice(content, 0, 0);
  } catch {
    return new Slice(content, 0, 0);
  }
}

function photoIdsIn(fragment: Fragment): Set<string> {
  const ids = new Set<string>();
  fragment.descendants((node) => {
    if (node.type.name === 'figure') ids.add(String(node.attrs.photoId));
  });
  return ids;
}
