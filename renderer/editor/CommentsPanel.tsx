import type { Editor } from '@tiptap/core';
import { useState, type FormEvent } from 'react';
import type { Comment } from '@shared/api/comments';
import { formatWhen } from '../format';
import { useNotices } from '../notices';
import { usePerson } from '../person';
import type { SelectionForComment } from './BodyEditor';
import { useReleaseSession, useSession } from './session-context';

/** Where the comment with this id is anchored in the body now, wherever edits have moved it. */
function anchorRange(editor: Editor, commentId: string): { from: number; to: number } | null {
  let range: { from: number; to: number } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (!node.isText || !node.marks.some((mark) => mark.type.name === 'comment' && mark.attrs.commentId === commentId)) return true;
    range = range ? { from: range.from, to: pos + node.nodeSize } : { from: pos, to: pos + node.nodeSize };
    return false;
  });
  return range;
}

/** The discussion: the general thread and the comments anchored in the text, resolvable and reopenable. */
export function CommentsPanel({
  editor,
  pendingAnchor,
  onAnchorUsed,
}: {
  editor: Editor | null;
  pendingAnchor: SelectionForComment | null;
  onAnchorUsed: () => void;
}) {
  const session = useReleaseSession();
  const loaded = useSession((state) => state.comments);
  const person = usePerson();
  const { showError } = useNotices();
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    const anchor = pendingAnchor;
    const id = crypto.randomUUID();
    if (!(await session.addComment({ id, text, inline: anchor !== null, quote: anchor?.quote ?? '' }))) return;
    if (anchor && editor) {
      // The comment exists first; then the anchor is set and saved (an anchor-only save, allowed in any state).
      editor.chain().setTextSelection({ from: anchor.from, to: anchor.to }).setCommentAnchor(id).run();
      await session.flush();
    }
    setText('');
    onAnchorUsed();
  }

  function reveal(comment: Comment) {
    const range = editor && anchorRange(editor, comment.id);
    if (!editor || !range) return showError('The text this comment was on has since been removed.');
    editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  }

  if (loaded.phase === 'loading')
    return (
      <p className="muted small" aria-busy="true">
        Loading the discussion…
      </p>
    );
  if (loaded.phase === 'failed') {
    return (
      <div role="alert">
        <p>Could not load the discussion: {loaded.message}</p>
        <button type="button" onClick={() => void session.loadComments()}>
          Retry
        </button>
      </div>
    );
  }
  const comments = loaded.list;
  const inline = comments.filter((comment) => comment.inline);
  const general = comments.filter((comment) => !comment.inline);
  const renderComment = (comment: Comment) => (
    <li key={comment.id} className={`comment${comment.resolvedAt ? ' resolved' : ''}`}>
      <div className="comment-meta">
        <strong dir="auto">{comment.authorName}</strong>
        <span className="muted small">
          {formatWhen(comment.createdAt)}
          {comment.editedAt && ' (edited)'}
        </span>
      </div>
      {comment.inline && (
        <button type="button" className="comment-quote" dir="auto" onClick={() => reveal(comment)} title="Show in the text">
          “{comment.quote}”
        </button>
      )}
      {editing?.id === comment.id ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void session.changeComment({ kind: 'edit', id: comment.id, text: editing.text }).then((saved) => saved && setEditing(null));
          }}
        >
          <textarea
            aria-label="Edit comment"
            dir="auto"
            value={editing.text}
            onChange={(event) => setEditing({ id: comment.id, text: event.target.value })}
          />
          <div className="row">
            <button type="submit">Save comment</button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p className="comment-text" dir="auto">
          {comment.text}
        </p>
      )}
      <div className="comment-actions">
        {comment.inline && (
          <button
            type="button"
            onClick={() => void session.changeComment({ kind: 'resolve', id: comment.id, resolved: !comment.resolvedAt })}
          >
            {comment.resolvedAt ? 'Reopen' : 'Resolve'}
          </button>
        )}
        {comment.resolvedAt && <span className="muted small">Resolved by {comment.resolvedByName}</span>}
        {comment.authorId === person.id && editing?.id !== comment.id && (
          <>
            <button type="button" className="link-button small" onClick={() => setEditing({ id: comment.id, text: comment.text })}>
              Edit
            </button>
            <button
              type="button"
              className="link-button small"
              onClick={() => void session.changeComment({ kind: 'delete', id: comment.id })}
            >
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );

  return (
    <div className="comments">
      <form className="comment-form" onSubmit={(event) => void add(event)}>
        {pendingAnchor && (
          <p className="small">
            Commenting on <span className="comment-quote-inline">“{pendingAnchor.quote}”</span>{' '}
            <button type="button" className="link-button small" onClick={onAnchorUsed}>
              comment on the whole release instead
            </button>
          </p>
        )}
        <label className="field">
          <span>Comment</span>
          <textarea dir="auto" rows={2} value={text} autoFocus={pendingAnchor !== null} onChange={(event) => setText(event.target.value)} />
        </label>
        <button type="submit" disabled={!text.trim()}>
          Add comment
        </button>
      </form>
      <h3>In the text</h3>
      {inline.length === 0 ? (
        <p className="muted small">Select words in the body and choose Comment on selection.</p>
      ) : (
        <ul className="comment-list">{inline.map(renderComment)}</ul>
      )}
      <h3>Discussion</h3>
      {general.length === 0 ? (
        <p className="muted small">No comments yet.</p>
      ) : (
        <ul className="comment-list">{general.map(renderComment)}</ul>
      )}
    </div>
  );
}
