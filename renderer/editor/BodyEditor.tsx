import type { Editor, JSONContent } from '@tiptap/core';
import FileHandler from '@tiptap/extension-file-handler';
import { EditorContent, useEditor } from '@tiptap/react';
import { memo, useEffect, useRef, useState } from 'react';
import { bodyTextDirection, bodyTextExtensions } from '@shared/release/body';
import { BodyCounts } from './BodyCounts';
import { collaborationExtensions, collaborativeTextExtensions, unreadableBodyMessage, type BodyCollaboration } from './collaboration';
import { DatelineLeadIn } from './dateline-lead-in';
import { EditableFigure } from './FigureView';
import { LinkDialog } from './LinkDialog';
import { LinkShortcut } from './link-shortcut';
import { PasteGuard } from './paste-guard';
import { useNotices } from '../notices';
import { useReleaseSession } from './session-context';
import { pickPhotoFile, usePhotoUpload } from './photo-upload';
import { api } from '../api';
import { registerCommand } from '../commands';
import { Toolbar } from './Toolbar';

export interface SelectionForComment {
  from: number;
  to: number;
  quote: string;
}

interface BodyEditorProps {
  initialContent: JSONContent;
  /** A collaborative release's document: the body is its "body" fragment, and initialContent is not used. */
  collaboration: BodyCollaboration | null;
  /** False while the state does not allow edits (in review, released, withdrawn); comments can still be anchored. */
  editable: boolean;
  onCommentSelection: (selection: SelectionForComment) => void;
  datelineText: string;
  onReady: (editor: Editor) => void;
  /** Called on every change; must stay cheap (it only marks the release unsaved). */
  onChange: () => void;
  onBlur: () => void;
}

/**
 * The body, in its own component so that typing re-renders nothing but the
 * toolbar and counts, which read the editor through selectors (TipTap's React
 * performance guide).
 */
export const BodyEditor = memo(function BodyEditor({
  initialContent,
  collaboration,
  editable,
  onCommentSelection,
  datelineText,
  onReady,
  onChange,
  onBlur,
}: BodyEditorProps) {
  const [linkOpen, setLinkOpen] = useState(false);
  const upload = usePhotoUpload();
  const session = useReleaseSession();
  const { showError } = useNotices();
  // Callbacks the editor's extensions were configured with once, kept current here.
  const latest = useRef({ onChange, onBlur, upload, showError });
  latest.current = { onChange, onBlur, upload, showError };

  const editor = useEditor({
    extensions: [
      ...(collaboration ? collaborativeTextExtensions : bodyTextExtensions),
      EditableFigure,
      DatelineLeadIn,
      LinkShortcut.configure({ onOpen: () => setLinkOpen(true) }),
      PasteGuard.configure({
        isKnownComment: (commentId) => {
          const comments = session.getState().comments;
          return comments.phase === 'ready' && comments.list.some((comment) => comment.id === commentId);
        },
        onDropped: (message) => latest.current.showError(message),
        missingPhotos: async (ids) => {
          const result = await api.missingPhotos({ ids });
          return result.ok ? result.value.missing : null;
        },
      }),
      FileHandler.configure({
        onPaste: (current, files) => void insertPhotos(current, files, null),
        onDrop: (current, files, pos) => void insertPhotos(current, files, pos),
      }),
      ...(collaboration ? collaborationExtensions(collaboration) : []),
    ],
    // The document is the content of a collaborative body: seeding it here as well would put the text in twice.
    content: collaboration ? undefined : initialContent,
    // Shared content this version cannot show is reported, never dropped from the document.
    enableContentCheck: collaboration !== null,
    onContentError: ({ editor: failing }) => {
      failing.setEditable(false, false);
      session.bodyUnreadable(unreadableBodyMessage);
    },
    editable,
    textDirection: bodyTextDirection,
    injectCSS: false,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: { 'aria-label': 'Body', 'aria-multiline': 'true', role: 'textbox', class: 'body-text', spellcheck: 'true' },
    },
    onUpdate: () => latest.current.onChange(),
    onBlur: () => latest.current.onBlur(),
  });

  async function insertPhotos(current: Editor, files: File[], pos: number | null) {
    for (const file of files) {
      const photo = await latest.current.upload(file);
      if (!photo) continue;
      const figure = { type: 'figure', attrs: { photoId: photo.id, caption: '', credit: '', alt: '' } };
      if (pos === null) current.chain().focus().insertContent(figure).run();
      else current.chain().insertContentAt(pos, figure).run();
    }
  }

  useEffect(() => onReady(editor), [editor, onReady]);

  useEffect(() => {
    editor.commands.setDatelineLeadIn(datelineText);
  }, [editor, datelineText]);

  // Edit → Undo and Redo from the menu act on the field with focus: a plain field natively, the body through its own history.
  useEffect(() => {
    const unregister = [
      registerCommand('undo', () => (isTextField(document.activeElement) ? document.execCommand('undo') : editor.commands.undo())),
      registerCommand('redo', () => (isTextField(document.activeElement) ? document.execCommand('redo') : editor.commands.redo())),
    ];
    return () => unregister.forEach((stop) => stop());
  }, [editor]);

  async function insertPhotoFromPicker() {
    const file = await pickPhotoFile();
    if (file) await insertPhotos(editor, [file], null);
  }

  return (
    <div className="body-editor">
      <Toolbar
        editor={editor}
        editable={editable}
        onLink={() => setLinkOpen(true)}
        onInsertPhoto={() => void insertPhotoFromPicker()}
        onComment={() => {
          const { from, to } = editor.state.selection;
          onCommentSelection({ from, to, quote: editor.state.doc.textBetween(from, to, ' ') });
        }}
      />
      {linkOpen && <LinkDialog editor={editor} onClose={() => setLinkOpen(false)} />}
      <EditorContent editor={editor} className="body-content" />
      <BodyCounts editor={editor} />
    </div>
  );
});

const isTextField = (element: Element | null) => element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement;
