import { z } from 'zod';
import { fileFormatSchema } from '../export/options';
import { releaseContentSchema } from '../release/content';
import { method } from './define';
import { exportRequestShape } from './exports';

const fileRequest = z.object({ ...exportRequestShape, format: fileFormatSchema, final: z.boolean() });
const fileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\\0]/.test(name) && name !== '.' && name !== '..', 'must be a file name, not a path');

/**
 * What only the desktop app can do: native dialogs, files written where the
 * person chose, printing and the spell checker. Browser mode and the command
 * line refuse these with a reason. A file is written first and recorded after,
 * so a cancelled dialog or a failed write changes nothing.
 */
export const desktopMethods = {
  /** Asks where (a native dialog, which confirms any replacement), writes, then records. path null: cancelled. */
  saveExport: method(fileRequest.strict(), z.object({ path: z.string().nullable() })),
  /** Bytes the page made (a .zip of exports), saved where the person chooses. */
  saveBytesAs: method(
    z.object({ suggestedName: fileNameSchema, bytes: z.instanceof(Uint8Array, { message: 'must be bytes' }) }).strict(),
    z.object({ path: z.string().nullable() }),
  ),
  /** Asks for a folder to export into; only folders chosen this way can be written into. */
  chooseExportFolder: method(z.object({}).strict(), z.object({ folder: z.string().nullable() })),
  /** Writes one release into a chosen folder (never over an existing file), then records it. */
  exportIntoFolder: method(fileRequest.extend({ folder: z.string().min(1) }).strict(), z.object({ fileName: z.string() })),
  /** The system print dialog, for the release as its HTML export prints (a draft mark unless the approval is current). */
  printRelease: method(z.object(exportRequestShape).strict(), z.object({})),
  /** The spell checker follows the language of the release being edited. */
  setSpellCheckLanguage: method(z.object({ language: releaseContentSchema.shape.language }).strict(), z.object({})),
};
