import { useCallback, useLayoutEffect, useRef, type ChangeEvent } from 'react';

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/**
 * Where a position in `before` lands in `after`, when the two differ by one
 * edit (another person's, merged in): before the edit it stays, after it it
 * moves by what the edit added or removed, inside it it goes to the edit's end.
 */
export function mapThroughEdit(before: string, after: string, position: number): number {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (position <= start) return position;
  if (position >= before.length - end) return position + after.length - before.length;
  return after.length - end;
}

/**
 * Keeps the caret and selection of a focused text control where this person
 * left them when its value changes from elsewhere (a collaborator's edit):
 * a controlled input otherwise jumps to the end on every remote keystroke.
 * Changes typed here pass through `onChange` first, so they are not mapped.
 */
export function useKeptCaret<Control extends TextControl>(value: string, onChange: (event: ChangeEvent<Control>) => void) {
  const ref = useRef<Control>(null);
  const seen = useRef({ value, start: value.length, end: value.length });

  const remember = useCallback(() => {
    const control = ref.current;
    if (control) seen.current = { value: control.value, start: control.selectionStart ?? 0, end: control.selectionEnd ?? 0 };
  }, []);

  useLayoutEffect(() => {
    const control = ref.current;
    const before = seen.current;
    if (!control || before.value === value) return;
    // A date control has no caret (its selectionStart is null, and setting one throws).
    if (control.ownerDocument.activeElement === control && control.selectionStart !== null) {
      control.setSelectionRange(mapThroughEdit(before.value, value, before.start), mapThroughEdit(before.value, value, before.end));
    }
    remember();
  }, [value, remember]);

  const changed = useCallback(
    (event: ChangeEvent<Control>) => {
      remember();
      onChange(event);
    },
    [onChange, remember],
  );
  return { ref, onSelect: remember, onChange: changed };
}
