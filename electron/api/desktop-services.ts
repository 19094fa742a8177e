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
  /** The operating system's keychain, to keep a secret on disk; null where there is none to trust (then nothing is kept). */
  secretBox(): SecretBox | null;
}

/** Seals text so that only this user on this computer can open it again. */
export interface SecretBox {
  seal(text: string): Uint8Array;
  /** Throws when the bytes were not sealed here or the keychain will not open them. */
  open(sealed: Uint8Array): string;
}

const desktopOnly = (): never => failWith('refused', 'This is done in the Dateline desktop app; browser mode downloads files instead.');

export const noDesktop: DesktopServices = {
  chooseSavePath: async () => desktopOnly(),
  chooseFolder: async () => desktopOnly(),
  printPdf: async () => desktopOnly(),
  print: async () => desktopOnly(),
  setSpellCheckLanguages: desktopOnly,
  // Browser mode's host and the command line keep secrets in memory only.
  secretBox: () => null,
};
