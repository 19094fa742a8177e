import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { fail, type ApiErrorKind, type Result } from '@shared/api/result';
import { maxRequestDepth, requestLimit } from '@shared/api/request-limits';
import { fromWire, nestsDeeperThan, toWire } from '@shared/api/wire';
import { photoPathPrefix } from '@shared/release/photo';
import type { Backend } from '../api/backend';
import { dispatch } from '../api/dispatch';
import { contentSecurityPolicy } from '../content-security-policy';
import { contentTypeOf } from '../content-types';
import { headerValue, limitClients, readBody } from '../http/request';
import { log } from '../log/log';

export interface WebHost {
  /** The address to open first: a single-use link in the fragment, which the server never sees in a URL. */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

export interface WebHostOptions {
  backend: Backend;
  /** The built renderer (index.html and assets/). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Told the next single-use address each time one is used, for another tab or browser. */
  onNextLink?: (url: string) => void;
  /** The clock sessions expire by; tests move it. */
  now?: () => number;
}

/** A tab's session ends after this long without a call, so a token copied from a forgotten tab does not work for ever. */
export const sessionIdleMs = 12 * 60 * 60 * 1000;

const baseHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const newSecret = () => randomBytes(32).toString('base64url');

/**
 * Browser mode: the built renderer and the API contract over HTTP, on 127.0.0.1
 * only, with no cookies (a cookie for 127.0.0.1 is sent to every port on it,
 * so another local service would receive it). The printed address carries a
 * single-use link in its fragment; the page trades it for a session token
 * that it keeps in sessionStorage and sends as a header with every call. The
 * renderer's files are public (they hold no secret). Photos are served only
 * to this origin's own pages or with a session. Requests from another Origin
 * or Host, or cross-site, are refused.
 */
export async function startWebHost({ backend, staticDir, port = 0, onNextLink, now = Date.now }: WebHostOptions): Promise<WebHost> {
  /** Each session token, and when it was last used. */
  const sessions = new Map<string, number>();
  let link = newSecret();
  let origin = '';
  let host = '';
  const linkUrl = () => `${origin}/#link=${link}`;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('The browser-mode host failed on a request', error);
      if (!response.headersSent)
        sendResult(response, 500, fail({ kind: 'internal', message: 'The browser-mode host failed on this request.' }));
      else response.destroy();
    });
  });

  const secretMatches = (candidate: string | undefined, secret: string) =>
    candidate !== undefined && candidate.length === secret.length && timingSafeEqual(Buffer.from(candidate), Buffer.from(secret));
  const hasSession = (request: IncomingMessage) => {
    const presented = headerValue(request.headers['x-dateline-session']);
    for (const [session, lastUsed] of sessions) {
      if (now() - lastUsed > sessionIdleMs) sessions.delete(session);
      else if (secretMatches(presented, session)) {
        sessions.set(session, now());
        return true;
      }
    }
    return false;
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let url: URL;
    let pathname: string;
    try {
      url = new URL(request.url ?? '/', origin);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return refuse(response, 400, 'The address is malformed.');
    }
    // A page on another site (or a DNS-rebound name) must not reach the store.
    if (request.headers.host !== host || url.origin !== origin)
      return refuse(response, 403, 'This host only answers requests addressed to 127.0.0.1.');
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return refuse(response, 403, 'Requests from other sites are refused.');
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
      return refuse(response, 403, 'Requests from other sites are refused.');

    if (request.method === 'POST' && pathname === '/session') return openSession(request, response);
    if (request.method === 'POST' && pathname.startsWith('/api/')) {
      if (!hasSession(request)) return refuse(response, 401, notSignedIn);
      return serveApi(request, response, pathname.slice(5));
    }
    if (request.method === 'GET' && pathname.startsWith(photoPathPrefix)) {
      // An <img> cannot send a header; Chromium marks this origin's own requests same-origin, which no other site can fake.
      if (fetchSite !== 'same-origin' && !hasSession(request)) return refuse(response, 401, notSignedIn);
      return servePhoto(response, pathname.slice(photoPathPrefix.length));
    }
    if (request.method === 'GET') return serveStatic(response, pathname);
    return refuse(response, 405, 'Method not allowed.');
  }

  /** The single-use link from the printed address, traded for a session token for this tab; the next link is printed. */
  function openSession(request: IncomingMessage, response: ServerResponse): void {
    if (!secretMatches(headerValue(request.headers['x-dateline-link']), link)) {
      return refuse(
        response,
        401,
        'That address has been used already, or is not this run’s. Open the newest address `npm run web` printed.',
      );
    }
    const session = newSecret();
    sessions.set(session, now());
    link = newSecret();
    onNextLink?.(linkUrl());
    sendResult(response, 200, { ok: true, value: { session } });
  }

  async function serveApi(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    const limit = requestLimit(method);
    const body = await readBody(request, limit.bytes);
    if (body === null) return sendResult(response, 413, fail({ kind: 'invalid-input', message: limit.tooLarge }));
    let text: string;
    try {
      // Fatal: otherwise a broken byte becomes U+FFFD and is stored as if someone had typed it.
      text = utf8Decoder.decode(body);
    } catch {
      return refuse(response, 400, 'The request is not valid UTF-8 text, so it was not read; nothing was changed.');
    }
    if (nestsDeeperThan(text, maxRequestDepth))
      return refuse(response, 400, `The request is nested more than ${maxRequestDepth} levels deep, deeper than Dateline ever sends.`);
    let input: unknown;
    try {
      input = text.length === 0 ? {} : fromWire(text);
    } catch {
      return refuse(response, 400, 'The request body is not valid JSON.');
    }
    sendResult(response, 200, await dispatch(backend.handlers, method, input));
  }

  function servePhoto(response: ServerResponse, id: string): void {
    const photo = /^[0-9a-f]{64}$/.test(id) ? backend.photo(id) : null;
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
    const relative = pathname === '/' ? 'index.html' : normalize(pathname).replace(/^[/\\]+/, '');
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

  // It serves one person's browser: a few dozen connections are plenty.
  limitClients(server, 64);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  host = `127.0.0.1:${boundPort}`;
  origin = `http://${host}`;

  return {
    url: linkUrl(),
    origin,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

const notSignedIn =
  'This tab is not signed in to Dateline, or was not used for 12 hours. Open the newest address `npm run web` printed, with its #link.';

const errorKindsByStatus: Record<number, ApiErrorKind> = {
  400: 'invalid-input',
  401: 'refused',
  403: 'refused',
  404: 'not-found',
  405: 'invalid-input',
};

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
