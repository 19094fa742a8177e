import { Mark, mergeAttributes } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    commentAnchor: {
      /** Anchor the comment with this id to the selected text. */
      setCommentAnchor: (commentId: string) => ReturnType;
    };
  }
}

/**
 * Where an inline comment points in the body. A mark, so ProseMirror carries it
 * through edits around it; it is never part of a release's content for approval
 * or export (see withoutComments).
 */
export const CommentAnchor = Mark.create({
  name: 'comment',
  inclusive: false,
  excludes: '',

  addAttributes() {
    return {
      commentId: {
        default: '',
        parseHTML: (element: HTMLElement) => element.getAttribute('data-comment-id') ?? '',
        renderHTML: (attributes: Record<string, string>) => ({ 'data-comment-id': attributes.commentId }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-comment-id]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes(HTMLAttributes, { class: 'comment-anchor' }), 0];
  },

  addCommands() {
    return {
      setCommentAnchor:
        (commentId) =>
        ({ commands }) =>
          commands.setMark(this.name, { commentId }),
    };
  },
});
