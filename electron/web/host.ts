import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { fail, type ApiErrorKind, type Result } from '@shared/api/result';
import { fromWire, toWire } from '@shared/api/wire';
import { maxPhotoBytes } from '@shared/photo/sniff';
import { photoPathPrefix } from '@shared/release/photo';
import type { Backend } from '../api/backend';
import { dispatch } from '../api/dispatch';
import { contentSecurityPolicy } from '../content-security-policy';
import { contentTypeOf } from '../content-types';
import { log } from '../log/log';

export interface WebHost {
  /** The address to open, token included. */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export interface WebHostOptions {
  backend: Backend;
  /** The built renderer (index.html and assets/). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
}

// Base64 makes an upload a third larger; leave room for the rest of the JSON.
const maxRequestBytes = Math.ceil(maxPhotoBytes * 1.4) + 1024 * 1024;

const baseHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * Browser mode: the built renderer and the API contract over HTTP, on 127.0.0.1
 * only. Every request needs the per-run token (the printed URL hands it to the
 * browser as a cookie), and requests from another Origin or Host are refused.
 */
export async function startWebHost({ backend, staticDir, port = 0 }: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('base64url');
  let origin = '';
  let host = '';
  let cookieName = '';

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('Browser-mode host failed on a request', error);
      if (!response.headersSent)
        sendResult(response, 500, fail({ kind: 'internal', message: 'The browser-mode host failed on this request.' }));
      else response.destroy();
    });
  });

  const tokenMatches = (candidate: string | undefined) =>
    candidate !== undefined && candidate.length === token.length && timingSafeEqual(Buffer.from(candidate), Buffer.from(token));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    // A page on another site (or a DNS-rebound name) must not reach the store.
    if (request.headers.host !== host || url.origin !== origin)
      return refuse(response, 403, 'This host only answers requests addressed to 127.0.0.1.');
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return refuse(response, 403, 'Requests from other sites are refused.');
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
      return refuse(response, 403, 'Requests from other sites are refused.');

    if (request.method === 'GET' && url.pathname === '/' && tokenMatches(url.searchParams.get('token') ?? undefined)) {
      // Trade the token in the address for a cookie, so it leaves the address bar and history.
      response.writeHead(303, {
        ...baseHeaders,
        Location: '/',
        'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }
    const presented = readCookie(request.headers.cookie, cookieName) ?? headerValue(request.headers['x-dateline-token']);
    if (!tokenMatches(presented)) {
      return refuse(response, 401, 'This page is not signed in to Dateline. Open the address that `npm run web` printed, token included.');
    }

    if (request.method === 'POST' && url.pathname.startsWith('/api/'))
      return serveApi(request, response, decodeURIComponent(url.pathname.slice(5)));
    if (request.method === 'GET' && url.pathname.startsWith(photoPathPrefix))
      return servePhoto(response, url.pathname.slice(photoPathPrefix.length));
    if (request.method === 'GET') return serveStatic(response, url.pathname);
    return refuse(response, 405, 'Method not allowed.');
  }

  async function serveApi(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    const body = await readBody(request, maxRequestBytes);
    if (body === null) {
      return sendResult(response, 413, fail({ kind: 'invalid-input', message: 'The request is too large: photos may be at most 25 MB.' }));
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : fromWire(body.toString('utf8'));
    } catch {
      return sendResult(response, 400, fail({ kind: 'invalid-input', message: 'The request body is not valid JSON.' }));
    }
    sendResult(response, 200, await dispatch(backend.handlers, method, input));
  }

  function servePhoto(response: ServerResponse, id: string): void {
    const photo = /^[0-9a-f]{64}$/.test(id) ? backend.photos.get(id) : null;
    if (!photo) return refuse(response, 404, 'No such photo.');
    response.writeHead(200, {
      ...baseHeaders,
      'Content-Type': photo.mime,
      'Content-Length': photo.bytes.length,
      // The address is the hash of the bytes, so they can never change.
      'Cache-Control': 'private, max-age=31536000, immutable',
    });
    response.end(photo.bytes);
  }

  async function serveStatic(response: ServerResponse, pathname: string): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '');
    const file = join(staticDir, relative);
    if (!file.startsWith(staticDir + sep) || relative.split(/[/\\]/).includes('..')) return refuse(response, 404, 'Not found.');
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      return refuse(response, 404, 'Not found.');
    }
    response.writeHead(200, {
      ...baseHeaders,
      'Content-Type': contentTypeOf(file),
      'Cache-Control': relative === 'index.html' ? 'no-store' : 'private, max-age=3600',
    });
    response.end(bytes);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  host = `127.0.0.1:${boundPort}`;
  origin = `http://${host}`;
  // Cookies are shared by every port of a host; one name per port keeps two hosts apart.
  cookieName = `dateline_token_${boundPort}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const errorKindsByStatus: Record<number, ApiErrorKind> = { 401: 'refused', 403: 'refused', 404: 'not-found', 405: 'invalid-input' };

function refuse(response: ServerResponse, status: number, message: string): void {
  sendResult(response, status, fail({ kind: errorKindsByStatus[status] ?? 'internal', message }));
}

function sendResult(response: ServerResponse, status: number, result: Result<unknown>): void {
  const body = toWire(result);
  response.writeHead(status, {
    ...baseHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** The whole body, or null once it passes the limit (the rest is drained, not buffered). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
