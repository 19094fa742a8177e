import { failWith } from '@shared/api/result';
import type { PdfPrinter } from '../export/export-service';

/**
 * What the desktop shell lends the handlers: native dialogs, Chromium's
 * printing and the spell checker. The shell implements it with Electron;
 * browser mode and the command line have none, and say so.
 */
export interface DesktopServices {
  /** A native save dialog (which itself confirms replacing a file); null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  chooseFolder(): Promise<string | null>;
  printPdf: PdfPrinter;
  /** The system print dialog for a self-contained HTML document. */
  print(html: string): Promise<void>;
  setSpellCheckLanguages(languages: string[]): void;
}

const desktopOnly = (): never => failWith('refused', 'This is done in the Dateline desktop app; browser mode downloads files instead.');

export const noDesktop: DesktopServices = {
  chooseSavePath: async () => desktopOnly(),
  chooseFolder: async () => desktopOnly(),
  printPdf: async () => desktopOnly(),
  print: async () => desktopOnly(),
  setSpellCheckLanguages: desktopOnly,
};
