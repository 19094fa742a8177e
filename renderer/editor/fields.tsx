import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';

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
