import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useSyncExternalStore } from 'react';
import type { Release } from '../../shared/api/releases';
import type { PhotoPlacement } from '../../shared/release/content';
import type { FigureAttributes } from '../../shared/release/figure';
import { formatWhen } from '../format';
import type { Autosaver } from './autosave';

interface PlacedPhoto extends FigureAttributes {
  /** Where the photo sits in the body; null for the lead photo. */
  pos: number | null;
}

function bodyPhotos(editor: Editor): PlacedPhoto[] {
  const photos: PlacedPhoto[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === 'figure') photos.push({ ...(node.attrs as FigureAttributes), pos });
    return !node.isTextblock;
  });
  return photos;
}

const samePhotos = (a: PlacedPhoto[], b: PlacedPhoto[] | null) =>
  b !== null &&
  a.length === b.length && a.every((photo, index) => JSON.stringify(photo) === JSON.stringify(b[index]));

/** The side panel: every photo with what it still lacks, and who did what to the release. */
export function ReleasePanel({ release, leadPhoto, editor, autosaver }: { release: Release; leadPhoto: PhotoPlacement | null; editor: Editor | null; autosaver: Autosaver }) {
  const inBody = useEditorState<PlacedPhoto[]>({ editor, selector: ({ editor: current }: { editor: Editor | null }) => (current ? bodyPhotos(current) : []), equalityFn: samePhotos }) ?? [];
  const saveState = useSyncExternalStore(autosaver.subscribe, autosaver.getState);
  const photos: PlacedPhoto[] = [...(leadPhoto ? [{ ...leadPhoto, pos: null }] : []), ...inBody];
  const modified = saveState.kind === 'saved' && saveState.at ? saveState.at : release.updatedAt;

  function reveal(photo: PlacedPhoto) {
    if (photo.pos === null || !editor) return;
    editor.chain().setNodeSelection(photo.pos).scrollIntoView().run();
    editor.view.nodeDOM(photo.pos)?.parentElement?.querySelector<HTMLElement>('textarea, input')?.focus();
  }

  return (
    <aside className="side-panel" aria-label="Release details">
      <section aria-labelledby="panel-photos">
        <h2 id="panel-photos">Photos</h2>
        {photos.length === 0 && <p className="muted small">No photos yet. Add a lead photo on the page, or insert photos in the body.</p>}
        <ul className="photo-list">
          {photos.map((photo, index) => {
            const missing = [!photo.caption.trim() && 'caption', !photo.credit.trim() && 'credit', !photo.alt.trim() && 'alt text'].filter(Boolean);
            return (
              <li key={`${photo.photoId}-${photo.pos ?? 'lead'}-${index}`}>
                <button type="button" className="photo-item" onClick={() => reveal(photo)} disabled={photo.pos === null}>
                  <img src={`/photos/${photo.photoId}`} alt="" />
                  <span className="photo-item-text">
                    <span className="small muted">{photo.pos === null ? 'Lead photo' : 'In the body'}</span>
                    <span dir="auto" className="photo-item-caption">
                      {photo.caption || 'No caption yet'}
                    </span>
                    {missing.length > 0 ? <span className="small warning">Needs {missing.join(', ')}</span> : <span className="small ok">Caption, credit and alt text done</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="panel-details">
        <h2 id="panel-details">Details</h2>
        <dl className="details">
          <dt>Author</dt>
          <dd dir="auto">{release.authorName}</dd>
          <dt>Last edited by</dt>
          <dd dir="auto">{release.lastEditorName}</dd>
          <dt>Created</dt>
          <dd>{formatWhen(release.createdAt)}</dd>
          <dt>Modified</dt>
          <dd>{formatWhen(modified)}</dd>
        </dl>
      </section>
    </aside>
  );
}
