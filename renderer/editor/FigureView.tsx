import { NodeViewWrapper, ReactNodeViewRenderer, useEditorState, type NodeViewProps } from '@tiptap/react';
import { Figure } from '@shared/release/figure';
import { photoAddress, type PhotoPlacement } from '@shared/release/photo';
import { PhotoFields } from './PhotoFields';

function FigureView({ node, updateAttributes, deleteNode, selected, editor }: NodeViewProps) {
  const attributes = node.attrs as PhotoPlacement;
  // Read on every transaction, not once: the editor turns editable in place (an approved release, once the person chose to edit it).
  const readOnly = !useEditorState({ editor, selector: ({ editor: current }) => current.isEditable });
  return (
    <NodeViewWrapper
      as="figure"
      className={`photo${selected ? ' selected' : ''}`}
      contentEditable={false}
      data-photo-id={attributes.photoId}
    >
      <div className="photo-frame" data-drag-handle>
        <img src={photoAddress(attributes.photoId)} alt={attributes.alt} draggable={false} />
        {!readOnly && (
          <button type="button" className="photo-remove" onClick={() => deleteNode()}>
            Remove photo
          </button>
        )}
      </div>
      <PhotoFields value={attributes} readOnly={readOnly} onChange={(patch) => updateAttributes(patch)} />
    </NodeViewWrapper>
  );
}

const isFormControl = (target: EventTarget | null) => target instanceof HTMLElement && target.closest('input, textarea, button') !== null;

/** The body's photo node, edited in place: the fields under the image belong to the photo, not to the text. */
export const EditableFigure = Figure.extend({
  addNodeView() {
    return ReactNodeViewRenderer(FigureView, {
      // Keys and clicks in the caption fields are theirs, not the body's.
      stopEvent: ({ event }) => isFormControl(event.target),
    });
  },
});
