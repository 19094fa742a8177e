import { Node, mergeAttributes } from '@tiptap/core';

export interface FigureAttributes {
  photoId: string;
  caption: string;
  credit: string;
  alt: string;
}

export interface FigureOptions {
  /**
   * Where the editor loads a photo from; both the Electron protocol and the
   * browser-mode host serve photos under this path.
   * @default '/photos/'
   */
  photoPath: string;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      /** Insert a photo with its caption, credit and alt text at the selection. */
      insertFigure: (attributes: FigureAttributes) => ReturnType;
    };
  }
}

/**
 * A photo placed in the body. Caption, credit and alt text live on the node so
 * they travel with the photo when it is moved, copied or undone.
 */
export const Figure = Node.create<FigureOptions>({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { photoPath: '/photos/' };
  },

  addAttributes() {
    // Each attribute round-trips through a data-* attribute so copy and paste keep it.
    const dataAttribute = (name: keyof FigureAttributes, htmlName: string) => ({
      default: '',
      parseHTML: (element: HTMLElement) => element.getAttribute(htmlName) ?? '',
      renderHTML: (attributes: Record<string, string>) => ({ [htmlName]: attributes[name] }),
    });
    return {
      photoId: dataAttribute('photoId', 'data-photo-id'),
      caption: dataAttribute('caption', 'data-caption'),
      credit: dataAttribute('credit', 'data-credit'),
      alt: dataAttribute('alt', 'data-alt'),
    };
  },

  parseHTML() {
    return [{ tag: 'figure[data-photo-id]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const { photoId, caption, credit, alt } = node.attrs as FigureAttributes;
    const captionText = [caption, credit && `(${credit})`].filter(Boolean).join(' ');
    return [
      'figure',
      mergeAttributes(HTMLAttributes),
      ['img', { src: `${this.options.photoPath}${photoId}`, alt }],
      ['figcaption', {}, captionText],
    ];
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
