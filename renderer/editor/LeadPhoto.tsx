import { useState, type ClipboardEvent, type DragEvent } from 'react';
import type { PhotoPlacement } from '@shared/release/content';
import { maxPhotoSize, photoFormatNames } from '@shared/photo/limits';
import { photoAddress } from '@shared/release/photo';
import { PhotoFields } from './PhotoFields';
import { pickPhotoFile, usePhotoUpload } from './photo-upload';

/**
 * The lead photo slot: pick, drop or paste an image; caption, credit and alt
 * text under it. Read-only offers none of that: the store would refuse the save.
 */
export function LeadPhoto({
  value,
  onChange,
  onBlur,
  readOnly,
}: {
  value: PhotoPlacement | null;
  onChange: (value: PhotoPlacement | null) => void;
  onBlur: () => void;
  readOnly: boolean;
}) {
  const upload = usePhotoUpload();
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);

  async function place(file: File | null | undefined) {
    if (!file || readOnly) return;
    setBusy(true);
    const photo = await upload(file);
    setBusy(false);
    // Replacing the image keeps the words already written about the slot.
    if (photo) onChange({ photoId: photo.id, caption: value?.caption ?? '', credit: value?.credit ?? '', alt: value?.alt ?? '' });
  }

  const dropHandlers = {
    onDragOver: (event: DragEvent) => {
      if (!event.dataTransfer.types.includes('Files')) return;
      event.preventDefault();
      setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      void place(event.dataTransfer.files[0]);
    },
    onPaste: (event: ClipboardEvent) => {
      const file = event.clipboardData.files[0];
      if (!file) return;
      event.preventDefault();
      void place(file);
    },
  };

  if (!value && readOnly) return null;
  if (!value) {
    return (
      <section className={`lead-photo empty-slot${dragging ? ' dragging' : ''}`} aria-label="Lead photo" tabIndex={0} {...dropHandlers}>
        <button type="button" onClick={() => void pickPhotoFile().then(place)} disabled={busy}>
          Add photo
        </button>
        <span className="muted small">
          {busy ? 'Adding photo…' : `or drop or paste a ${photoFormatNames} image here (up to ${maxPhotoSize})`}
        </span>
      </section>
    );
  }

  return (
    <section className={`lead-photo${dragging ? ' dragging' : ''}`} aria-label="Lead photo" {...(readOnly ? {} : dropHandlers)}>
      <figure className="photo">
        <div className="photo-frame">
          <img src={photoAddress(value.photoId)} alt={value.alt} />
          {/* Not rendered at all when read-only: a hidden attribute loses to the stylesheet's display: flex. */}
          {!readOnly && (
            <div className="photo-actions">
              <button type="button" onClick={() => void pickPhotoFile().then(place)} disabled={busy}>
                Replace photo
              </button>
              <button type="button" onClick={() => onChange(null)}>
                Remove photo
              </button>
            </div>
          )}
        </div>
        <PhotoFields value={value} readOnly={readOnly} onChange={(patch) => onChange({ ...value, ...patch })} onBlur={onBlur} />
      </figure>
    </section>
  );
}
