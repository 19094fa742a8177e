import { z } from 'zod';
import { exportFormatSchema, exportOptionsSchema } from '../export/options';
import { method } from './define';
import { releaseIdSchema } from './releases';

export const renderedExportSchema = z.object({
  fileName: z.string(),
  mime: z.string(),
  content: z.string(),
  /** SHA-256 of the UTF-8 bytes of content: the file as it will be written. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  final: z.boolean(),
});
export type RenderedExport = z.infer<typeof renderedExportSchema>;

const exportInput = { id: releaseIdSchema, format: exportFormatSchema, options: exportOptionsSchema.default({ datelineStyle: 'full', includeCaptions: true, wrap: false }) };

export const exportMethods = {
  /**
   * A release as a file. final: only for an approved release whose approval is
   * current; it marks the release Released. Otherwise a draft, marked as one.
   * Both are recorded in the audit trail with the file's SHA-256.
   */
  exportRelease: method(z.object({ ...exportInput, final: z.boolean() }).strict(), renderedExportSchema),
  /** For the clipboard: a draft mark unless the approval is current; changes no state. */
  copyRelease: method(z.object(exportInput).strict(), renderedExportSchema),
};
