import { useCallback, useId, type ChangeEvent, type InputHTMLAttributes, type Ref, type TextareaHTMLAttributes } from 'react';
import { fieldPatch, fieldText, releaseField, type PlainFieldPath } from '@shared/release/fields';
import { useKeptCaret } from './kept-caret';
import { useReleaseSession, useSession } from './session-context';

/** A labelled text control whose direction follows what is typed in it (Arabic or English). */
export function TextField({
  label,
  className,
  multiline,
  controlRef,
  ...input
}: {
  label: string;
  className?: string;
  multiline?: boolean;
  controlRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
} & InputHTMLAttributes<HTMLInputElement> &
  TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} dir="auto" rows={1} ref={controlRef} {...input} />
      ) : (
        <input id={id} dir="auto" ref={controlRef} {...input} />
      )}
    </div>
  );
}

/**
 * One of the open release's plain fields, as the field table (shared/release/fields.ts)
 * describes it: label, placeholder, limit, lines and direction come from there, so the
 * editor cannot let through what the schema would refuse.
 */
export function ReleaseTextField({ path }: { path: PlainFieldPath }) {
  const session = useReleaseSession();
  const value = useSession((state) => fieldText(state.fields, path));
  const editable = useSession(() => session.editable);
  const field = releaseField(path);
  const update = useCallback(
    (event: ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) =>
      session.updateFields(fieldPatch(session.getState().fields, path, event.target.value)),
    [session, path],
  );
  // Another person's edit in this field (a collaborative release) must not throw this person's caret to the end.
  const kept = useKeptCaret(value, update);
  return (
    <TextField
      label={field.label}
      data-field={path}
      readOnly={!editable}
      className={field.className}
      multiline={field.multiline}
      type={field.kind === 'date' ? 'date' : undefined}
      dir={field.direction === 'typed' ? 'auto' : undefined}
      value={value}
      placeholder={field.placeholder}
      maxLength={field.kind === 'text' ? field.maxLength : undefined}
      controlRef={kept.ref}
      onSelect={kept.onSelect}
      onChange={kept.onChange}
      onBlur={() => void session.flush()}
    />
  );
}
