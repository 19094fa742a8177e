import type { Editor } from '@tiptap/core';
import { useState, type FormEvent } from 'react';
import { normaliseLinkInput } from '@shared/release/links';

/** The link box: web and email addresses only, so nothing else ever reaches an export. */
export function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const existing = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [value, setValue] = useState(existing);
  const [error, setError] = useState<string | null>(null);

  function apply(event: FormEvent) {
    event.preventDefault();
    const href = normaliseLinkInput(value);
    if (!href) {
      setError('Links can go to web pages (http, https) or email addresses only.');
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !existing)
      chain.insertContent({ type: 'text', text: value.trim(), marks: [{ type: 'link', attrs: { href } }] }).run();
    else chain.setLink({ href }).run();
    onClose();
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  }

  function cancel() {
    editor.commands.focus();
    onClose();
  }

  return (
    <form
      className="link-dialog"
      role="dialog"
      aria-label="Link"
      onSubmit={apply}
      onKeyDown={(event) => event.key === 'Escape' && cancel()}
    >
      <label className="field grow">
        <span>Link address</span>
        <input
          autoFocus
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="https://example.org or press@example.org"
        />
      </label>
      <button type="submit" className="primary">
        Apply link
      </button>
      {existing && (
        <button type="button" onClick={remove}>
          Remove link
        </button>
      )}
      <button type="button" onClick={cancel}>
        Cancel
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
