import { NodeViewWrapper, ReactNodeViewRenderer, type NodeViewProps } from '@tiptap/react';
import { Figure, type FigureAttributes } from '@shared/release/figure';
import { PhotoFields } from './PhotoFields';

function FigureView({ node, updateAttributes, deleteNode, selected, editor }: NodeViewProps) {
  const attributes = node.attrs as FigureAttributes;
  const readOnly = !editor.isEditable;
  return (
    <NodeViewWrapper as="figure" className={`photo${selected ? ' selected' : ''}`} contentEditable={false} data-photo-id={attributes.photoId}>
      <div className="photo-frame" data-drag-handle>
        <img src={`/photos/${attributes.photoId}`} alt={attributes.alt} draggable={false} />
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
