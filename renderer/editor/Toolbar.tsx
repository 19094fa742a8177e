import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import type { ReactNode } from 'react';

const mod = navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl+';

function ToolButton({
  label,
  shortcut,
  active,
  disabled,
  onClick,
  children,
}: {
  label: string;
  shortcut?: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="tool"
      aria-label={label}
      aria-pressed={active}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      // Keep the selection in the body while clicking.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

export function Toolbar({
  editor,
  editable,
  onLink,
  onInsertPhoto,
  onComment,
}: {
  editor: Editor;
  editable: boolean;
  onLink: () => void;
  onInsertPhoto: () => void;
  onComment: () => void;
}) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      underline: current.isActive('underline'),
      link: current.isActive('link'),
      subheading: current.isActive('heading', { level: 2 }),
      minorSubheading: current.isActive('heading', { level: 3 }),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
      quote: current.isActive('blockquote'),
      canUndo: current.can().undo(),
      canRedo: current.can().redo(),
      hasSelection: !current.state.selection.empty,
    }),
  });
  const chain = () => editor.chain().focus();

  const commentButton = (
    <ToolButton label="Comment on selection" disabled={!state.hasSelection} onClick={onComment}>
      <Icon path="M5 5h14v10H9l-4 4z" />
    </ToolButton>
  );
  if (!editable) {
    return (
      <div className="toolbar" role="toolbar" aria-label="Body formatting">
        <div className="tool-group">{commentButton}</div>
        <span className="muted small toolbar-note">The text is read-only in this state; select words to comment on them.</span>
      </div>
    );
  }

  return (
    <div className="toolbar" role="toolbar" aria-label="Body formatting">
      <div className="tool-group">
        <ToolButton label="Subheading" active={state.subheading} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
          H2
        </ToolButton>
        <ToolButton label="Minor subheading" active={state.minorSubheading} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
          H3
        </ToolButton>
      </div>
      <div className="tool-group">
        <ToolButton label="Bold" shortcut={`${mod}B`} active={state.bold} onClick={() => chain().toggleBold().run()}>
          <b>B</b>
        </ToolButton>
        <ToolButton label="Italic" shortcut={`${mod}I`} active={state.italic} onClick={() => chain().toggleItalic().run()}>
          <i>I</i>
        </ToolButton>
        <ToolButton label="Underline" shortcut={`${mod}U`} active={state.underline} onClick={() => chain().toggleUnderline().run()}>
          <u>U</u>
        </ToolButton>
        <ToolButton label="Link" shortcut={`${mod}K`} active={state.link} onClick={onLink}>
          <Icon path="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
        </ToolButton>
      </div>
      <div className="tool-group">
        <ToolButton label="Bulleted list" active={state.bulletList} onClick={() => chain().toggleBulletList().run()}>
          <Icon path="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" />
        </ToolButton>
        <ToolButton label="Numbered list" active={state.orderedList} onClick={() => chain().toggleOrderedList().run()}>
          <Icon path="M10 6h10M10 12h10M10 18h10M4 5l1.5-1v5M3.5 14.5a1.5 1.5 0 1 1 2.6 1L3.5 19h3" />
        </ToolButton>
        <ToolButton label="Quote" active={state.quote} onClick={() => chain().toggleBlockquote().run()}>
          <Icon path="M7 7h4v5c0 3-1.5 4.5-4 5M15 7h4v5c0 3-1.5 4.5-4 5" />
        </ToolButton>
        <ToolButton label="Insert photo in body" onClick={onInsertPhoto}>
          <Icon path="M4 6h16v12H4zM4 15l4.5-4.5 4 4 2.5-2.5L20 17M15.5 9.5h.01" />
        </ToolButton>
        {commentButton}
      </div>
      <div className="tool-group">
        <ToolButton label="Undo" shortcut={`${mod}Z`} disabled={!state.canUndo} onClick={() => chain().undo().run()}>
          <Icon path="M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" />
        </ToolButton>
        <ToolButton label="Redo" shortcut={`${mod}Shift+Z`} disabled={!state.canRedo} onClick={() => chain().redo().run()}>
          <Icon path="M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3" />
        </ToolButton>
      </div>
    </div>
  );
}

function Icon({ path }: { path: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={path} />
    </svg>
  );
}
