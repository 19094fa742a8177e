import { z } from 'zod';
import { exportFormatSchema, exportOptionsSchema } from '../export/options';
import { method } from './define';
import { releaseIdSchema } from './releases';

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex');

export const renderedExportSchema = z.object({
  fileName: z.string(),
  mime: z.string(),
  content: z.string(),
  /** SHA-256 of the UTF-8 bytes of content: the file as it will be written. */
  sha256: sha256Schema,
  final: z.boolean(),
});
export type RenderedExport = z.infer<typeof renderedExportSchema>;

export const exportRequestShape = {
  id: releaseIdSchema,
  options: exportOptionsSchema.default({ datelineStyle: 'full', includeCaptions: true, wrap: false }),
};
const finalSchema = z.boolean();

export const exportMethods = {
  /**
   * A release rendered for a file, changing nothing. final: only for a release
   * whose approval is current; anything else renders as a draft, marked as one.
   * Whoever then saves the file records it with recordExport.
   */
  renderExport: method(z.object({ ...exportRequestShape, format: exportFormatSchema, final: finalSchema }).strict(), renderedExportSchema),
  /**
   * After a rendered file was handed over (browser mode's download): records it
   * with its SHA-256, and a final export marks the release Released. Refused if
   * the release no longer renders to those bytes.
   */
  recordExport: method(
    z.object({ ...exportRequestShape, format: exportFormatSchema, final: finalSchema, sha256: sha256Schema }).strict(),
    z.object({}),
  ),
  /** For the clipboard: a draft mark unless the approval is current; changes no state. */
  copyRelease: method(z.object({ ...exportRequestShape, format: exportFormatSchema }).strict(), renderedExportSchema),
};
