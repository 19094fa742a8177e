import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { photoAddress, photoPlacementOf, type PhotoPlacement } from '@shared/release/photo';
import { missingPhotoParts } from '@shared/review/checklist';
import { formatWhen } from '../format';
import { ActivityEntries } from '../review/ActivityLog';
import type { SelectionForComment } from './BodyEditor';
import { CommentsPanel } from './CommentsPanel';
import { useDeferredDocValue } from './deferred-doc';
import { HistoryPanel } from './HistoryPanel';
import { useSession } from './session-context';

interface PlacedPhoto extends PhotoPlacement {
  /** Where the photo sits in the body; null for the lead photo. */
  pos: number | null;
}

function bodyPhotos(doc: ProseMirrorNode): PlacedPhoto[] {
  const photos: PlacedPhoto[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'figure') photos.push({ ...photoPlacementOf(node.attrs as PhotoPlacement), pos });
    return !node.isTextblock;
  });
  return photos;
}

const samePhotos = (a: PlacedPhoto[], b: PlacedPhoto[]) =>
  a.length === b.length && a.every((photo, index) => JSON.stringify(photo) === JSON.stringify(b[index]));

export type PanelTab = 'photos' | 'review' | 'history' | 'activity';
const tabLabels: Record<PanelTab, string> = { photos: 'Photos', review: 'Review', history: 'History', activity: 'Activity' };

interface ReleasePanelProps {
  editor: Editor | null;
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  pendingAnchor: SelectionForComment | null;
  onAnchorUsed: () => void;
}

/** The side panel: photos, the review discussion, the history of versions and the activity on this release. */
export function ReleasePanel({ editor, tab, onTab, pendingAnchor, onAnchorUsed }: ReleasePanelProps) {
  const release = useSession((state) => state.release);
  return (
    <aside className="side-panel" aria-label="Release details">
      <div className="tabs" role="tablist" aria-label="Side panel">
        {(Object.keys(tabLabels) as PanelTab[]).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            onClick={() => onTab(name)}
          >
            {tabLabels[name]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'photos' && <PhotosAndDetails editor={editor} />}
        {tab !== 'photos' && release === null && (
          <p className="muted small">The discussion, the history and the activity begin once the release's first words are saved.</p>
        )}
        {tab === 'review' && release && <CommentsPanel editor={editor} pendingAnchor={pendingAnchor} onAnchorUsed={onAnchorUsed} />}
        {tab === 'history' && release && <HistoryPanel />}
        {tab === 'activity' && release && <ActivityEntries filter={{ releaseId: release.id }} showRelease={false} />}
      </div>
    </aside>
  );
}

const noPhotos: PlacedPhoto[] = [];

function PhotosAndDetails({ editor }: { editor: Editor | null }) {
  // The list follows the body when typing pauses; walking every block per keystroke would slow typing in a long release.
  const inBody = useDeferredDocValue(editor, bodyPhotos, samePhotos, noPhotos);
  const leadPhoto = useSession((state) => state.fields.leadPhoto);
  const release = useSession((state) => state.release);
  const photos: PlacedPhoto[] = [...(leadPhoto ? [{ ...leadPhoto, pos: null }] : []), ...inBody];

  function reveal(indexInBody: number) {
    if (!editor) return;
    // The list may lag the last keystrokes, so the photo's place is looked up now.
    const pos = bodyPhotos(editor.state.doc)[indexInBody]?.pos;
    if (pos === null || pos === undefined) return;
    editor.chain().setNodeSelection(pos).scrollIntoView().run();
    editor.view.nodeDOM(pos)?.parentElement?.querySelector<HTMLElement>('textarea, input')?.focus();
  }

  return (
    <>
      <section aria-labelledby="panel-photos-heading">
        <h2 id="panel-photos-heading">Photos</h2>
        {photos.length === 0 && <p className="muted small">No photos yet. Add a lead photo on the page, or insert photos in the body.</p>}
        <ul className="photo-list">
          {photos.map((photo, index) => {
            const missing = missingPhotoParts(photo).map(({ label }) => label);
            return (
              <li key={`${photo.photoId}-${photo.pos ?? 'lead'}-${index}`}>
                <button
                  type="button"
                  className="photo-item"
                  onClick={() => reveal(index - (leadPhoto ? 1 : 0))}
                  disabled={photo.pos === null}
                >
                  <img src={photoAddress(photo.photoId)} alt="" />
                  <span className="photo-item-text">
                    <span className="small muted">{photo.pos === null ? 'Lead photo' : 'In the body'}</span>
                    <span dir="auto" className="photo-item-caption">
                      {photo.caption || 'No caption yet'}
                    </span>
                    {missing.length > 0 ? (
                      <span className="small warning">Needs {missing.join(', ')}</span>
                    ) : (
                      <span className="small ok">Caption, credit and alt text done</span>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
      {release && (
        <section aria-labelledby="panel-details-heading">
          <h2 id="panel-details-heading">Details</h2>
          <dl className="details">
            <dt>Author</dt>
            <dd dir="auto">{release.authorName}</dd>
            <dt>Last edited by</dt>
            <dd dir="auto">{release.lastEditorName}</dd>
            <dt>Created</dt>
            <dd>{formatWhen(release.createdAt)}</dd>
            <dt>Modified</dt>
            <dd>{formatWhen(release.updatedAt)}</dd>
          </dl>
        </section>
      )}
    </>
  );
}
