import { useId, useMemo } from 'react';
import type { ReleaseLine } from '@shared/release/content';

const localTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function timeZones(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(current);
  return [...zones].sort();
}

/**
 * "For immediate release" or "Embargoed until" a date, time and time zone. The
 * zone is filled in the moment an embargo is chosen, so one can never be saved without it.
 */
export function ReleaseLineFields({
  value,
  onChange,
  onBlur,
  readOnly,
}: {
  value: ReleaseLine;
  onChange: (value: ReleaseLine) => void;
  onBlur: () => void;
  readOnly: boolean;
}) {
  const id = useId();
  const zones = useMemo(() => timeZones(value.kind === 'embargoed' ? value.timeZone : localTimeZone), [value]);
  return (
    <fieldset className="release-line" onBlur={onBlur} disabled={readOnly}>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Release line</label>
        <select
          id={`${id}-kind`}
          value={value.kind}
          onChange={(event) =>
            onChange(
              event.target.value === 'embargoed'
                ? { kind: 'embargoed', date: '', time: '', timeZone: localTimeZone }
                : { kind: 'immediate' },
            )
          }
        >
          <option value="immediate">For immediate release</option>
          <option value="embargoed">Embargoed until</option>
        </select>
      </div>
      {value.kind === 'embargoed' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-date`}>Embargo date</label>
            <input
              id={`${id}-date`}
              data-field="releaseLine.date"
              type="date"
              value={value.date}
              onChange={(event) => onChange({ ...value, date: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-time`}>Embargo time</label>
            <input
              id={`${id}-time`}
              data-field="releaseLine.time"
              type="time"
              value={value.time}
              onChange={(event) => onChange({ ...value, time: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-zone`}>Embargo time zone</label>
            <select
              id={`${id}-zone`}
              data-field="releaseLine.timeZone"
              value={value.timeZone}
              onChange={(event) => onChange({ ...value, timeZone: event.target.value })}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
    </fieldset>
  );
}
