import type { JSONContent } from '@tiptap/core';
import { withoutComments } from '../release/body';
import type { PhotoPlacement, ReleaseContent } from '../release/content';
import { datelineBlockIndexOf, formatDateline } from '../release/dateline';
import { exportedFields, fieldPathsWhere, fieldText, type FieldPathWhere } from '../release/fields';
import { isSafeLinkUrl } from '../release/links';
import { releaseLineText } from '../release/release-line';
import { draftMark, type ExportOptions } from './options';

/** The bytes of a photo, to embed: exports never load anything from outside the file. */
export interface EmbeddedPhoto {
  mime: string;
  base64: string;
  width: number;
  height: number;
}
export type PhotoSource = (photoId: string) => EmbeddedPhoto | null;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every character that could end a text run or an attribute value, escaped: nothing typed becomes markup. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => entities[character]!);

/** Multi-line field text: paragraphs at blank lines, line breaks within. */
const textParagraphs = (text: string) =>
  text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');

const markTags: Record<string, string> = { bold: 'strong', italic: 'em', underline: 'u' };

function inlineHtml(node: JSONContent): string {
  if (node.type === 'hardBreak') return '<br>';
  let html = escapeHtml(node.text ?? '');
  for (const mark of node.marks ?? []) {
    const tag = markTags[mark.type];
    if (tag) html = `<${tag}>${html}</${tag}>`;
    // A link that is not http, https or mailto never reaches the output, whatever the store held.
    else if (mark.type === 'link' && isSafeLinkUrl(String(mark.attrs?.href ?? '')))
      html = `<a href="${escapeHtml(String(mark.attrs!.href))}">${html}</a>`;
  }
  return html;
}

function figureHtml(photo: PhotoPlacement, photos: PhotoSource, className?: string): string {
  const data = photos(photo.photoId);
  const image = data
    ? `<img src="data:${escapeHtml(data.mime)};base64,${data.base64}" alt="${escapeHtml(photo.alt)}" width="${data.width}" height="${data.height}">`
    : '';
  const caption = [
    photo.caption.trim() && escapeHtml(photo.caption.trim()),
    photo.credit.trim() && `<span class="credit">(${escapeHtml(photo.credit.trim())})</span>`,
  ]
    .filter(Boolean)
    .join(' ');
  return `<figure${className ? ` class="${className}"` : ''}>${image}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

function blockHtml(node: JSONContent, photos: PhotoSource, lead: string): string {
  const children = (nodes: JSONContent[] | undefined) => (nodes ?? []).map((child) => blockHtml(child, photos, '')).join('');
  switch (node.type) {
    case 'paragraph':
      return `<p>${lead}${(node.content ?? []).map(inlineHtml).join('')}</p>`;
    case 'heading': {
      const tag = node.attrs?.level === 3 ? 'h3' : 'h2';
      return `<${tag}>${(node.content ?? []).map(inlineHtml).join('')}</${tag}>`;
    }
    case 'bulletList':
      return `<ul>${children(node.content)}</ul>`;
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1);
      return `<ol${start !== 1 ? ` start="${start}"` : ''}>${children(node.content)}</ol>`;
    }
    case 'listItem':
      return `<li>${children(node.content)}</li>`;
    case 'blockquote':
      return `<blockquote>${children(node.content)}</blockquote>`;
    case 'figure':
      return figureHtml(node.attrs as PhotoPlacement, photos);
    default:
      return children(node.content);
  }
}

/** The body's blocks as HTML, the dateline leading the first paragraph of body text (see datelineBlockIndex). */
function bodyHtml(content: ReleaseContent, options: ExportOptions, photos: PhotoSource): string {
  const doc = withoutComments(content.body);
  const dateline = formatDateline(content.dateline, content.language, options.datelineStyle);
  const leadIndex = datelineBlockIndexOf(doc);
  const lead = dateline ? `<span class="dateline">${escapeHtml(dateline)}</span> ` : '';
  const blocks = (doc.content ?? []).map((node, index) => blockHtml(node, photos, index === leadIndex ? lead : ''));
  if (leadIndex === -1 && dateline) blocks.unshift(`<p>${lead.trim()}</p>`);
  return blocks.join('\n');
}

/** The draft mark and the release line; a fragment carries the line only when it matters (an embargo, a draft). */
function topLines(content: ReleaseContent, options: ExportOptions, draft: boolean, alwaysReleaseLine: boolean): string[] {
  const releaseLine = alwaysReleaseLine || draft || content.releaseLine.kind === 'embargoed';
  return [
    draft ? `<p class="draft">${draftMark}</p>` : '',
    releaseLine ? `<p class="release-line">${escapeHtml(releaseLineText(content, options.datelineStyle))}</p>` : '',
  ].filter(Boolean);
}

type TopPath = FieldPathWhere<'exported', 'top'>;

/** How each top field reads in the header, given its trimmed text; the headline's h1 stays even when empty. */
const headerHtml: Record<TopPath, (text: string) => string> = {
  headline: (text) => `<h1>${escapeHtml(text)}</h1>`,
  subheadline: (text) => text && `<p class="subheadline">${escapeHtml(text)}</p>`,
};

/** How each footer field reads, given its trimmed text; blank ones are left out before. */
const footerHtml: Record<FieldPathWhere<'exported', 'footer'>, (text: string) => string> = {
  boilerplate: (text) => `<section class="boilerplate">\n${textParagraphs(text)}\n</section>`,
  mediaContact: (text) => `<address class="media-contact">${text.split('\n').map(escapeHtml).join('<br>')}</address>`,
  signOff: (text) => `<p class="sign-off">${escapeHtml(text)}</p>`,
  endMark: (text) => `<p class="end-mark">${escapeHtml(text)}</p>`,
};

const styles = `
body{margin:0;background:#fff;color:#1d2127;font:17px/1.6 Georgia,'Noto Serif','Noto Naskh Arabic',serif}
article{max-width:42rem;margin:2.5rem auto;padding:0 1.25rem}
.draft{border:2px solid #a3261b;color:#a3261b;font:700 .9rem/1.4 system-ui,sans-serif;letter-spacing:.08em;text-align:center;padding:.5rem}
.release-line{font:700 .85rem/1.4 system-ui,sans-serif;letter-spacing:.06em;margin:0 0 1rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 .5rem}
.subheadline{font-style:italic;font-size:1.2rem;color:#4b5260;margin:0 0 1.25rem}
figure{margin:1.5rem 0}
img{max-width:100%;height:auto;display:block}
figcaption{font-size:.9rem;color:#4b5260;margin-top:.4rem}
.dateline{font-weight:700}
blockquote{margin:0 0 1rem;padding-inline-start:1rem;border-inline-start:3px solid #cfc9bd;color:#4b5260}
footer{border-top:1px solid #e2ded6;margin-top:2rem;padding-top:1rem;font-size:.95rem}
address{font-style:normal}
.end-mark{text-align:center;font-weight:700;margin-top:1.5rem}
a{color:#22407a}
@media print{body{font-size:12pt}article{margin:0;max-width:none}a{color:inherit}figure,blockquote{break-inside:avoid}h1,h2,h3{break-after:avoid}}
`.trim();

// No script may run and nothing may load from outside, whatever the content: the file says so itself.
export const exportDocumentPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/**
 * One self-contained HTML file: inline styles, photos embedded, semantic
 * structure, lang and dir from the release, no script, no external loads.
 */
export function toHtmlDocument(content: ReleaseContent, options: ExportOptions, draft: boolean, photos: PhotoSource): string {
  const dir = content.language === 'ar' ? 'rtl' : 'ltr';
  const footer = exportedFields(content, 'footer').map(([path, text]) => footerHtml[path](text));
  const header = fieldPathsWhere<TopPath>((field) => field.exported === 'top')
    .map((path) => headerHtml[path](fieldText(content, path).trim()))
    .filter(Boolean);
  return [
    '<!DOCTYPE html>',
    `<html lang="${content.language}" dir="${dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${exportDocumentPolicy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.headline.trim() || 'Press release')}</title>`,
    `<style>${styles}</style>`,
    '</head>',
    '<body>',
    '<article>',
    ...topLines(content, options, draft, true),
    '<header>',
    ...header,
    '</header>',
    content.leadPhoto ? figureHtml(content.leadPhoto, photos, 'lead') : '',
    '<div class="body">',
    bodyHtml(content, options, photos),
    '</div>',
    footer.length ? `<footer>\n${footer.join('\n')}\n</footer>` : '',
    '</article>',
    '</body>',
    '</html>',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

/** The body alone, no styles, for pasting into a website's CMS (which has its own title and styles). */
export function toHtmlFragment(content: ReleaseContent, options: ExportOptions, draft: boolean, photos: PhotoSource): string {
  return `${[...topLines(content, options, draft, false), bodyHtml(content, options, photos)].join('\n')}\n`;
}
