import { exportFormats, fileFormats, formatLabels, type FileFormat, type ExportOptions } from '@shared/export/options';
import { desktop } from '../api';

/** PDF is printed by the desktop app's Chromium; browser mode offers the formats it can download. */
export const formatsHere: readonly FileFormat[] = desktop ? fileFormats : exportFormats;

/** Format and the options a press office expects: dateline style, photo lines, wrapping. */
export function ExportOptionsFields({
  formats = formatsHere,
  format,
  options,
  onFormat,
  onOptions,
}: {
  formats?: readonly FileFormat[];
  format: FileFormat;
  options: ExportOptions;
  onFormat: (format: FileFormat) => void;
  onOptions: (options: ExportOptions) => void;
}) {
  return (
    <div className="export-options">
      <fieldset>
        <legend>Format</legend>
        {formats.map((candidate) => (
          <label key={candidate} className="choice">
            <input type="radio" name="export-format" checked={format === candidate} onChange={() => onFormat(candidate)} />{' '}
            {formatLabels[candidate]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Options</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={options.datelineStyle === 'ap'}
            onChange={(event) => onOptions({ ...options, datelineStyle: event.target.checked ? 'ap' : 'full' })}
          />{' '}
          AP-style dateline (Sept. 26)
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={options.includeCaptions}
            disabled={format !== 'txt'}
            onChange={(event) => onOptions({ ...options, includeCaptions: event.target.checked })}
          />{' '}
          Photo captions in plain text
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={options.wrap}
            disabled={format !== 'txt'}
            onChange={(event) => onOptions({ ...options, wrap: event.target.checked })}
          />{' '}
          Wrap plain text at 72 columns
        </label>
      </fieldset>
    </div>
  );
}
