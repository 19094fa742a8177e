import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fail, type Result } from '@shared/api/result';
import { teamMethods } from '@shared/api/team';
import { fromWire, toWire } from '@shared/api/wire';
import { dispatchTo } from '../api/dispatch';
import { headerValue, limitClients, readBody } from '../http/request';
import { log } from '../log/log';
import { createTeamHandlers } from './team-handlers';
import type { TeamStore } from './team-store';

export interface TeamServerOptions {
  store: TeamStore;
  port: number;
  /** 127.0.0.1 by default; an office network needs 0.0.0.0 (or the machine's address), and then TLS or a proxy that adds it. */
  host?: string;
  tls?: { cert: Buffer; key: Buffer };
}

export interface TeamServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Team calls carry names and passwords, never releases (yet): a small body is all any needs. */
const maxRequestBytes = 64 * 1024;

/**
 * The team server's HTTP(S) face: POST /api/<method> with a JSON body and, but
 * for signIn, `Authorization: Bearer <token>`. Every answer is a Result; the
 * caller is the token's person and nothing else.
 */
export async function startTeamServer({ store, port, host = '127.0.0.1', tls }: TeamServerOptions): Promise<TeamServer> {
  const handlers = createTeamHandlers(store);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = /^\/api\/([A-Za-z]+)$/.exec(request.url ?? '')?.[1];
    if (request.method !== 'POST' || !method) return send(response, 404, fail({ kind: 'not-found', message: 'No such address.' }));
    const body = await readBody(request, maxRequestBytes);
    if (body === null) return send(response, 413, fail({ kind: 'invalid-input', message: 'The request is too large.' }));
    let input: unknown;
    try {
      input = body.length === 0 ? {} : fromWire(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      return send(response, 400, fail({ kind: 'invalid-input', message: 'The request body is not valid JSON in UTF-8.' }));
    }
    const token = /^Bearer (\S+)$/.exec(headerValue(request.headers.authorization) ?? '')?.[1];
    const source = request.socket.remoteAddress ?? 'unknown';
    send(response, 200, await dispatchTo(teamMethods, handlers, method, input, { caller: store.caller(token), source }));
  };
  const onRequest = (request: IncomingMessage, response: ServerResponse) =>
    void handle(request, response).catch((error: unknown) => {
      log.error('The team server failed on a request', error);
      if (!response.headersSent) send(response, 500, fail({ kind: 'internal', message: 'The team server failed on this request.' }));
      else response.destroy();
    });
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, onRequest) : createHttpServer(onRequest);
  limitClients(server, 512);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${boundPort}`,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, result: Result<unknown>): void {
  const body = toWire(result);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}
