import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { fieldPatch, fieldText, releaseField, type PlainFieldPath } from '@shared/release/fields';
import { useReleaseSession, useSession } from './session-context';

/** A labelled text control whose direction follows what is typed in it (Arabic or English). */
export function TextField({
  label,
  className,
  multiline,
  ...input
}: { label: string; className?: string; multiline?: boolean } & InputHTMLAttributes<HTMLInputElement> &
  TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea id={id} dir="auto" rows={1} {...input} /> : <input id={id} dir="auto" {...input} />}
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
      onChange={(event) => session.updateFields(fieldPatch(session.getState().fields, path, event.target.value))}
      onBlur={() => void session.flush()}
    />
  );
}
