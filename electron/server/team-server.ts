import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { requestLimitOf } from '@shared/api/request-limits';
import { fail, type Result } from '@shared/api/result';
import { teamMethods, type TeamMethodName } from '@shared/api/team';
import { fromWire, toWire } from '@shared/api/wire';
import { dispatchTo } from '../api/dispatch';
import { headerValue, limitClients, readBody } from '../http/request';
import { log } from '../log/log';
import { approvalSigner } from './approval-signature';
import { DocumentStore } from './release-documents';
import { attachSyncSocket } from './sync-socket';
import { createTeamHandlers } from './team-handlers';
import { TeamReleases } from './team-releases-store';
import type { TeamStore } from './team-store';

export interface TeamServerOptions {
  store: TeamStore;
  port: number;
  /** 127.0.0.1 by default; an office network needs 0.0.0.0 (or the machine's address), and then TLS or a proxy that adds it. */
  host?: string;
  tls?: { cert: Buffer; key: Buffer };
  /** A Redis address that server processes sharing this database use to pass document updates to each other. */
  redis?: string;
}

export interface TeamServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Calls that only read: a refusal of one changes nothing worth recording. signIn records its own failures. */
const unrecordedRefusals = new Set<string>([
  'signIn',
  'whoAmI',
  'listPeople',
  'listSessions',
  'listTeamAudit',
  'serverKey',
  'teamReleases',
  'teamRelease',
  'teamComments',
  'teamGetPhoto',
] satisfies TeamMethodName[]);

/**
 * The team server's HTTP(S) face: POST /api/<method> with a JSON body and, but
 * for signIn, `Authorization: Bearer <token>`. Every answer is a Result; the
 * caller is the token's person and nothing else. The same port takes the sync
 * socket (/sync), so one reverse proxy serves both.
 */
export async function startTeamServer({ store, port, host = '127.0.0.1', tls, redis }: TeamServerOptions): Promise<TeamServer> {
  const signer = approvalSigner(store.db);
  const documents = new DocumentStore(store.db);
  // The sync socket is attached to the HTTP server made below; these are only called once requests arrive.
  const releases = new TeamReleases(store, signer, (releaseId) => sync.liveDocument(releaseId) ?? documents.read(releaseId));
  const handlers = createTeamHandlers({ store, releases, signer, sessionsEnded: () => sync.reconsider() });
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = /^\/api\/([A-Za-z]+)$/.exec(request.url ?? '')?.[1];
    if (request.method !== 'POST' || !method) return send(response, 404, fail({ kind: 'not-found', message: 'No such address.' }));
    const limit = requestLimitOf(Object.hasOwn(teamMethods, method) ? teamMethods[method as TeamMethodName] : undefined);
    const body = await readBody(request, limit.bytes);
    if (body === null) return send(response, 413, fail({ kind: 'invalid-input', message: limit.tooLarge }));
    let input: unknown;
    try {
      input = body.length === 0 ? {} : fromWire(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      return send(response, 400, fail({ kind: 'invalid-input', message: 'The request body is not valid JSON in UTF-8.' }));
    }
    const token = /^Bearer (\S+)$/.exec(headerValue(request.headers.authorization) ?? '')?.[1];
    const source = request.socket.remoteAddress ?? 'unknown';
    const caller = store.caller(token);
    const result = await dispatchTo(teamMethods, handlers, method, input, { caller, source });
    // Only a signed-in person's refusals: anyone who can reach the server could otherwise grow the trail without end.
    if (caller && !result.ok && result.error.kind !== 'internal' && !unrecordedRefusals.has(method)) {
      try {
        store.audit(caller.person.id, 'refused', { method, ...aboutRelease(input), from: source, reason: result.error.message });
      } catch (error) {
        // The refusal still reaches the person; a busy or full disk only costs its line in the trail, which the log keeps.
        log.error(`The team server could not record a refused ${method}`, error);
      }
    }
    send(response, 200, result);
  };
  const onRequest = (request: IncomingMessage, response: ServerResponse) =>
    void handle(request, response).catch((error: unknown) => {
      log.error('The team server failed on a request', error);
      if (!response.headersSent) send(response, 500, fail({ kind: 'internal', message: 'The team server failed on this request.' }));
      else response.destroy();
    });
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, onRequest) : createHttpServer(onRequest);
  limitClients(server, 512);
  const sync = await attachSyncSocket(server, { team: store, releases, documents, redis });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${boundPort}`,
    port: boundPort,
    close: async () => {
      await sync.close();
      releases.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Which release (or comment) a refused call was about, for the audit trail; never the words or bytes it carried. */
function aboutRelease(input: unknown): Record<string, unknown> {
  if (!input || typeof input !== 'object') return {};
  const { id, releaseId, action, contentSha256 } = input as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries({ id, releaseId, action, contentSha256 }).filter(([, value]) => typeof value === 'string' && value.length <= 100),
  );
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
