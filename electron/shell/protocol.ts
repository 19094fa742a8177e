import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import type { PhotoStore } from '../store/photo-store';
import { contentSecurityPolicy } from '../content-security-policy';
import { contentTypeOf } from '../content-types';

/** The renderer and its photos are served from app://dateline/, never file://. */
const appOrigin = 'app://dateline';
export const appEntry = `${appOrigin}/index.html`;

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

export function handleAppProtocol(rendererDir: string, photos: PhotoStore): void {
  const headers = { 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff' };
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'dateline') return new Response('Not found', { status: 404 });
    if (url.pathname.startsWith('/photos/')) {
      const photo = photos.get(url.pathname.slice('/photos/'.length));
      if (!photo) return new Response('Not found', { status: 404 });
      return new Response(new Uint8Array(photo.bytes), { headers: { ...headers, 'Content-Type': photo.mime } });
    }
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '') || 'index.html';
    const file = join(rendererDir, relative);
    if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    try {
      const bytes = await readFile(file);
      return new Response(new Uint8Array(bytes), { headers: { ...headers, 'Content-Type': contentTypeOf(file) } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
