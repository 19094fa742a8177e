import { extensions as coreExtensions, getSchema, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Figure } from './figure';
import { isSafeLinkUrl } from './links';

/** Paragraphs follow their own text: Arabic reads right to left, English left to right. */
export const bodyTextDirection = 'auto' as const;

/**
 * The body's text extensions. With Figure they make the schema that the editor,
 * the store's validation and the exporters share; the editor swaps in a Figure
 * with an editable node view, under the same name and schema.
 */
export const bodyTextExtensions = [
  StarterKit.configure({
    heading: { levels: [2, 3] },
    code: false,
    codeBlock: false,
    strike: false,
    horizontalRule: false,
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      isAllowedUri: (url) => isSafeLinkUrl(url),
      shouldAutoLink: (url) => isSafeLinkUrl(url.includes(':') ? url : `https://${url}`),
    },
  }),
];

export const bodyExtensions = [...bodyTextExtensions, Figure];

export const bodySchema = getSchema([...bodyExtensions, coreExtensions.TextDirection.configure({ direction: bodyTextDirection })]);

export type BodyDoc = JSONContent & { type: 'doc' };

export const emptyBody = (): BodyDoc => ({ type: 'doc', content: [{ type: 'paragraph' }] });
