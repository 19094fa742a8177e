import { extensions as coreExtensions, getSchema, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { CommentAnchor } from './comment-mark';
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
  CommentAnchor,
];

export const bodyExtensions = [...bodyTextExtensions, Figure];

export const bodySchema = getSchema([...bodyExtensions, coreExtensions.TextDirection.configure({ direction: bodyTextDirection })]);

export type BodyDoc = JSONContent & { type: 'doc' };

export const emptyBody = (): BodyDoc => ({ type: 'doc', content: [{ type: 'paragraph' }] });

/**
 * The body without inline-comment anchors: what is approved, compared and
 * exported. Text that an anchor had split is joined again, so anchoring a
 * comment leaves exactly the document it found.
 */
export function withoutComments<T extends JSONContent>(node: T): T {
  const marks = node.marks?.filter((mark) => mark.type !== 'comment');
  const copy: T = { ...node };
  if (marks && marks.length > 0) copy.marks = marks;
  else delete copy.marks;
  if (node.content) {
    const children: JSONContent[] = [];
    for (const child of node.content.map(withoutComments)) {
      const previous = children.at(-1);
      if (
        previous?.type === 'text' &&
        child.type === 'text' &&
        JSON.stringify(previous.marks ?? []) === JSON.stringify(child.marks ?? [])
      ) {
        children[children.length - 1] = { ...previous, text: (previous.text ?? '') + (child.text ?? '') };
      } else children.push(child);
    }
    copy.content = children;
  }
  return copy;
}
