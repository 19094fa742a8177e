import { z } from 'zod';

/** The formats shared code renders from a release's JSON, the same bytes everywhere. */
export const exportFormats = ['txt', 'html', 'fragment'] as const;
export const exportFormatSchema = z.enum(exportFormats);
export type ExportFormat = (typeof exportFormats)[number];

/** Every kind of file Dateline writes: the rendered formats, and PDF, which is the HTML printed by Chromium (desktop only). */
export const fileFormats = [...exportFormats, 'pdf'] as const;
export const fileFormatSchema = z.enum(fileFormats);
export type FileFormat = (typeof fileFormats)[number];

export const formatLabels: Record<FileFormat, string> = { txt: 'Plain text', html: 'HTML', fragment: 'HTML fragment', pdf: 'PDF' };
export const formatMimeTypes: Record<FileFormat, string> = {
  txt: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  fragment: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};
const extensions: Record<FileFormat, string> = { txt: '.txt', html: '.html', fragment: '.fragment.html', pdf: '.pdf' };

/** The format a file is rendered in before it is written: a PDF is printed from the HTML file. */
export const renderedFormatOf = (format: FileFormat): ExportFormat => (format === 'pdf' ? 'html' : format);

export const exportOptionsSchema = z
  .object({
    /** Full month names, or AP style (Jan., Feb., Aug., Sept., Oct., Nov., Dec.; March to July spelled out). */
    datelineStyle: z.enum(['full', 'ap']).default('full'),
    /** Photo lines ("Photo: caption (Credit)") in the plain text. */
    includeCaptions: z.boolean().default(true),
    /** Wrap plain text at 72 columns, never inside a word or a URL. */
    wrap: z.boolean().default(false),
  })
  .strict();
export type ExportOptions = z.output<typeof exportOptionsSchema>;
export const defaultExportOptions: ExportOptions = { datelineStyle: 'full', includeCaptions: true, wrap: false };

export const draftMark = 'DRAFT — NOT FOR PUBLICATION';

/** "harbour-authority-opens-the-eastern-quay-2026-12-01-draft.html": the same name for the same release every time. */
export function exportFileName(headline: string, datelineDate: string, fallbackId: string, format: FileFormat, draft: boolean): string {
  const slug = headline
    .normalize('NFKD')
    // Accents come off Latin letters only ("Café" → "cafe"); in Arabic the hamza is part of the letter ("وسائل" stays).
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const parts = [slug || `release-${fallbackId.slice(0, 8)}`, datelineDate, draft ? 'draft' : ''].filter(Boolean);
  return parts.join('-') + extensions[format];
}
