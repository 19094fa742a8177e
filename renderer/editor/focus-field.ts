import type { FieldId } from '@shared/review/checklist';

/**
 * Takes a person to the control a checklist item is about. Fields carry
 * data-field; a photo part is found by its photo ("lead", or the n-th in the body).
 */
export function focusField(field: FieldId): void {
  const target = findField(field);
  target?.scrollIntoView({ block: 'center' });
  target?.focus();
}

function findField(field: FieldId): HTMLElement | null {
  const photo = /^photo:(lead|\d+):(caption|credit|alt)$/.exec(field);
  if (photo) {
    const [, which, part] = photo;
    const figure =
      which === 'lead'
        ? document.querySelector('section[aria-label="Lead photo"]')
        : document.querySelectorAll('.ProseMirror figure')[Number(which)];
    return figure?.querySelector<HTMLElement>(`[data-photo-part="${part}"]`) ?? null;
  }
  if (field === 'body') return document.querySelector<HTMLElement>('.ProseMirror');
  return document.querySelector<HTMLElement>(`[data-field="${field}"]`);
}
