import type { AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { bodyTextExtensions } from '@shared/release/body';
import { releaseBody } from '@shared/release/release-doc';

/** What the body editor needs to edit a collaborative release: its document and this page's presence in it. */
export interface BodyCollaboration {
  doc: Y.Doc;
  awareness: Awareness;
}

/**
 * The body's text extensions for a collaborative release: the same schema,
 * with StarterKit's undo and redo off, because Collaboration brings its own,
 * which undoes only this person's edits (never another person's words).
 */
export const collaborativeTextExtensions: AnyExtension[] = bodyTextExtensions.map((extension) =>
  extension.name === 'starterKit' ? extension.configure({ undoRedo: false }) : extension,
);

/** Binds the editor to the release's "body" fragment and shows the others' carets with their names. */
export function collaborationExtensions({ doc, awareness }: BodyCollaboration): AnyExtension[] {
  const user = awareness.getLocalState()?.user as { name: string; color: string } | undefined;
  return [
    Collaboration.configure({ fragment: releaseBody(doc) }),
    CollaborationCaret.configure({
      // The caret extension reads presence from a provider's awareness; this page's sync is that provider.
      provider: { awareness },
      user,
      render: (other: Record<string, unknown>) => {
        const caret = document.createElement('span');
        caret.className = 'collab-caret';
        caret.style.borderColor = String(other.color);
        const label = document.createElement('span');
        label.className = 'collab-caret-name';
        label.style.backgroundColor = String(other.color);
        label.dir = 'auto';
        // Drawn by CSS from the attribute, so the name is never part of the body's text (copied, read out, counted).
        label.dataset.person = String(other.name ?? '');
        label.setAttribute('aria-hidden', 'true');
        caret.append(label);
        return caret;
      },
      selectionRender: (other: Record<string, unknown>) => ({
        nodeName: 'span',
        class: 'collab-selection',
        style: `background-color: ${String(other.color)}26`,
        'data-person': String(other.name ?? ''),
      }),
    }),
  ];
}

/** Said when the body holds what this version cannot show; the words stay in the document for a newer Dateline. */
export const unreadableBodyMessage =
  'This release’s body holds something this version of Dateline cannot show (it was written with a newer one), so the body is read-only here and nothing in it is changed. Update Dateline to edit it; the other fields can still be edited.';
