import { Node, mergeAttributes } from '@tiptap/core';
import { photoAddress, photoPlacementFields, type PhotoPlacement } from './photo';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      /** Insert a photo with its caption, credit and alt text at the selection. */
      insertFigure: (attributes: PhotoPlacement) => ReturnType;
    };
  }
}

/** "photoId" → "data-photo-id": the attribute that carries a field through copy and paste. */
const dataAttributeName = (field: string) => `data-${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/**
 * A photo placed in the body. Caption, credit and alt text live on the node so
 * they travel with the photo when it is moved, copied or undone. Its attributes
 * are the photo placement's fields, so they cannot drift from the schema that
 * validates them (photo.ts).
 */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    // Each attribute round-trips through a data-* attribute so copy and paste keep it.
    return Object.fromEntries(
      photoPlacementFields.map((field) => [
        field,
        {
          default: '',
          parseHTML: (element: HTMLElement) => element.getAttribute(dataAttributeName(field)) ?? '',
          renderHTML: (attributes: Record<string, string>) => ({ [dataAttributeName(field)]: attributes[field] }),
        },
      ]),
    );
  },

  parseHTML() {
    return [{ tag: 'figure[data-photo-id]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const { photoId, caption, credit, alt } = node.attrs as PhotoPlacement;
    const captionText = [caption, credit && `(${credit})`].filter(Boolean).join(' ');
    return ['figure', mergeAttributes(HTMLAttributes), ['img', { src: photoAddress(photoId), alt }], ['figcaption', {}, captionText]];
  },

  addCommands() {
    return {
      insertFigure:
        (attributes) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: attributes }),
    };
  },
});
