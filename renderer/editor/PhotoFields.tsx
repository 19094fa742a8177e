import { useId } from 'react';
import { photoTextLimits, type PhotoPlacement } from '@shared/release/photo';

type Editable = Pick<PhotoPlacement, 'caption' | 'credit' | 'alt'>;

/** Caption, credit and alt text, right under the photo they describe. */
export function PhotoFields({
  value,
  onChange,
  onBlur,
  readOnly,
}: {
  value: Editable;
  onChange: (patch: Partial<Editable>) => void;
  onBlur?: () => void;
  readOnly?: boolean;
}) {
  const id = useId();
  return (
    <div className="photo-fields">
      <div className="field">
        <label htmlFor={`${id}-caption`}>Caption</label>
        <textarea
          id={`${id}-caption`}
          data-photo-part="caption"
          readOnly={readOnly}
          dir="auto"
          rows={1}
          maxLength={photoTextLimits.caption}
          value={value.caption}
          placeholder="What the photo shows"
          onChange={(event) => onChange({ caption: event.target.value })}
          onBlur={onBlur}
        />
      </div>
      <div className="photo-fields-row">
        <div className="field">
          <label htmlFor={`${id}-credit`}>Credit</label>
          <input
            id={`${id}-credit`}
            data-photo-part="credit"
            readOnly={readOnly}
            dir="auto"
            maxLength={photoTextLimits.credit}
            value={value.credit}
            placeholder="Media Office"
            onChange={(event) => onChange({ credit: event.target.value })}
            onBlur={onBlur}
          />
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-alt`}>Alt text</label>
          <input
            id={`${id}-alt`}
            data-photo-part="alt"
            readOnly={readOnly}
            dir="auto"
            maxLength={photoTextLimits.alt}
            value={value.alt}
            placeholder="Describe the photo for readers who cannot see it"
            onChange={(event) => onChange({ alt: event.target.value })}
            onBlur={onBlur}
          />
        </div>
      </div>
    </div>
  );
}
