import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import { exportDocumentPolicy } from '@shared/export/html';
import { photoPathPrefix } from '@shared/release/photo';
import type { StoredPhoto } from '../store/photo-store';
import { contentSecurityPolicy } from '../content-security-policy';
import { contentTypeOf } from '../content-types';

/** The renderer and its photos are served from app://dateline/, never file://. */
export const appOrigin = 'app://dateline';
export const appEntry = `${appOrigin}/index.html`;
/** Hunspell dictionaries, served to Chromium's spell checker from the app itself, never the network. */
export const dictionaryBaseUrl = `${appOrigin}/dictionaries/`;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'dateline';
  } catch {
    return false;
  }
}

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Export documents waiting to be printed or turned into PDF, each at an
 * address of its own for as long as the printing window needs it.
 */
const printDocuments = new Map<string, string>();

export function servePrintDocument(html: string): { url: string; release: () => void } {
  const path = `/print/${randomUUID()}.html`;
  printDocuments.set(path, html);
  return { url: `${appOrigin}${path}`, release: () => printDocuments.delete(path) };
}

/** Serves a file from a folder, never from outside it. */
async function serveFile(folder: string, pathname: string, headers: Record<string, string>): Promise<Response> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '');
  const file = join(folder, relative);
  if (!file.startsWith(folder + sep)) return new Response('Not found', { status: 404 });
  try {
    const bytes = await readFile(file);
    return new Response(new Uint8Array(bytes), { headers: { ...headers, 'Content-Type': contentTypeOf(file) } });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

export function handleAppProtocol({
  rendererDir,
  dictionaryDir,
  photo,
}: {
  rendererDir: string;
  dictionaryDir: string;
  photo: (id: string) => StoredPhoto | null;
}): void {
  const headers = { 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff' };
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'dateline') return new Response('Not found', { status: 404 });
    const { pathname } = url;
    if (pathname.startsWith(photoPathPrefix)) {
      const stored = photo(pathname.slice(photoPathPrefix.length));
      if (!stored) return new Response('Not found', { status: 404 });
      return new Response(new Uint8Array(stored.bytes), { headers: { ...headers, 'Content-Type': stored.mime } });
    }
    const printDocument = printDocuments.get(pathname);
    if (printDocument !== undefined) {
      // The export's own policy: its inline styles and embedded photos, still no script and no loads.
      return new Response(printDocument, {
        headers: { 'Content-Security-Policy': exportDocumentPolicy, 'Content-Type': 'text/html; charset=utf-8' },
      });
    }
    // Chromium may ask for a dictionary's name in lower case.
    if (pathname.startsWith('/dictionaries/'))
      return serveFile(
        dictionaryDir,
        pathname.slice('/dictionaries/'.length).replace(/^[a-z]{2}-[a-z]{2}/, (tag) => `${tag.slice(0, 2)}-${tag.slice(3).toUpperCase()}`),
        headers,
      );
    return serveFile(rendererDir, pathname === '/' ? '/index.html' : pathname, headers);
  });
}
