import type { ReleaseContent } from '../release/content';
import { toHtmlDocument, toHtmlFragment, type PhotoSource } from './html';
import type { ExportFormat, ExportOptions } from './options';
import { toPlainText } from './plain-text';

/** Every format from the editor's JSON, by pure code: the app, browser mode and the command line all call this. */
export function renderRelease(
  content: ReleaseContent,
  format: ExportFormat,
  options: ExportOptions,
  draft: boolean,
  photos: PhotoSource,
): string {
  switch (format) {
    case 'txt':
      return toPlainText(content, options, draft);
    case 'html':
      return toHtmlDocument(content, options, draft, photos);
    case 'fragment':
      return toHtmlFragment(content, options, draft, photos);
  }
}
