import { useEffect } from 'react';
import type { Comment } from '@shared/api/comments';

/**
 * Quiets the highlight of resolved inline comments in the text. A constructed
 * stylesheet, because the Content-Security-Policy allows no inline styles, and
 * because the mark in the document must not change when a comment is resolved.
 */
export function useResolvedAnchorStyle(comments: Comment[]): void {
  const resolved = comments
    .filter((comment) => comment.inline && comment.resolvedAt)
    .map((comment) => comment.id)
    .join(',');
  useEffect(() => {
    if (!resolved) return;
    const sheet = new CSSStyleSheet();
    // Ids are UUIDs (checked by the contract), so they are safe inside a selector.
    const selectors = resolved.split(',').map((id) => `.ProseMirror .comment-anchor[data-comment-id="${id}"]`);
    sheet.replaceSync(`${selectors.join(',')} { background: none; border-bottom: 1px dotted #c9c3b6; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((existing) => existing !== sheet);
    };
  }, [resolved]);
}
