import type { IncomingMessage, Server } from 'node:http';
import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import { Hocuspocus, IncomingMessage as SyncMessage, MessageType, type Connection, type Extension } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { updateChangesContent } from '@shared/release/release-doc';
import { maxReleaseBytes } from '@shared/release/limits';
import { log } from '../log/log';
import type { DocumentStore } from './release-documents';
import type { TeamReleases } from './team-releases-store';
import type { Caller, TeamStore } from './team-store';

/** The path of the sync socket, beside /api/ on the same port, so one reverse proxy serves both. */
export const syncPath = '/sync';

/** How often open sockets are checked against sessions and release states changed elsewhere (another server process, the command line). */
const sweepIntervalMs = 5000;

/** Close codes the provider reconnects after: the new connection authenticates again and learns what it may do now. */
const reconnectToLearn = { code: 4205, reason: 'The release changed state; connect again to learn what you may do now' };
const sessionEnded = { code: 4401, reason: 'The session has ended' };

/**
 * The largest message a client may send: a whole release's first sync, which
 * Yjs encodes in about as many bytes as its JSON, with room for its editing
 * history (the largest release is about 2.2 MB as JSON). A larger one closes the
 * socket (1009, Message Too Big) rather than being read.
 */
const maxMessageBytes = 8 * (maxReleaseBytes + 64 * 1024);

interface SyncContext {
  caller: Caller;
}

export interface SyncSocketOptions {
  team: TeamStore;
  releases: TeamReleases;
  documents: DocumentStore;
  /** redis://[user:password@]host:port[/db]: fans document updates out to every server process that uses the same Redis and database. */
  redis?: string;
}

export interface SyncSocket {
  /** The release's document as this server has it open now, if it does. */
  liveDocument(releaseId: string): Y.Doc | undefined;
  /** Checks every open connection again, at once: after a session ended or a release changed state here. */
  reconsider(releaseId?: string): void;
  close(): Promise<void>;
}

/** What a refused socket is told; a plain object, so Hocuspocus passes the reason on without logging it as a failure. */
const refusal = (reason: string) => ({ reason });

/**
 * Hocuspocus at /sync: each release's Yjs document, by its id. A socket is
 * opened with the session token of a person signed in to the team server; it
 * is read-only whenever the workflow says that person may not edit the
 * release now, and the server applies no update from a read-only connection.
 */
export async function attachSyncSocket(server: Server, { team, releases, documents, redis }: SyncSocketOptions): Promise<SyncSocket> {
  const persistence: Extension = {
    async onAuthenticate({ token, documentName, connectionConfig }) {
      const caller = team.caller(token);
      if (!caller) throw refusal('Sign in to the team server again: this session has ended.');
      if (!releases.exists(documentName)) throw refusal('The team server has no such release; register it first.');
      connectionConfig.readOnly = !releases.editPermission(documentName, caller.person.id).allowed;
      return { caller } satisfies SyncContext;
    },
    async onLoadDocument({ documentName, document }) {
      const state = documents.load(documentName);
      if (state) Y.applyUpdate(document, state);
    },
    async onStoreDocument({ documentName, document }) {
      documents.store(documentName, document);
    },
    // Every message is checked against the session and the release's state as they are now, so a change made by
    // another server process (or between sweeps) lets no update through from someone who may no longer edit: the
    // message is then handled as on a read-only connection (an update refused) while the socket closes. A read-only
    // connection that stands may still anchor comments (takeCommentAnchors).
    async beforeHandleMessage({ connection, document, update }) {
      if (bringInLine(connection) && connection.readOnly) takeCommentAnchors(document, connection, update);
    },
  };

  /**
   * Who edited is written down before anything else hears of the edit: Redis's
   * own onChange (priority 1000) starts passing it to the other processes, and
   * one of them may read the new words off its copy and approve before this
   * process would otherwise have noted the editor.
   */
  const editors: Extension = {
    priority: 2000,
    async onChange({ documentName, context }) {
      const person = (context as Partial<SyncContext>).caller?.person;
      if (person) releases.noteEdit(documentName, person.id);
    },
  };

  const extensions: Extension[] = [editors, persistence];
  if (redis) extensions.unshift(await reachRedis(redis));
  const hocuspocus = new Hocuspocus({ name: 'dateline-team', quiet: true, extensions });

  /**
   * Brings a connection in line with its session and the release's state. A
   * connection whose session ended is made read-only and its socket closed; one
   * whose right to edit changed takes the new right at once and its socket is
   * closed too, so the provider connects again and is told by its
   * authentication whether it is read-only. (A socket carries every release a
   * desktop syncs; the others reconnect with it and resume where they were.)
   * Returns whether the connection stands as it was; one being closed takes
   * nothing more, not even a comment's anchor.
   */
  const bringInLine = (connection: Connection): boolean => {
    const { caller } = connection.context as SyncContext;
    if (!team.sessionStands(caller.sessionId)) {
      connection.readOnly = true;
      connection.webSocket.close(sessionEnded.code, sessionEnded.reason);
      return false;
    }
    const readOnly = !releases.editPermission(connection.document.name, caller.person.id).allowed;
    if (readOnly === connection.readOnly) return true;
    connection.readOnly = readOnly;
    connection.webSocket.close(reconnectToLearn.code, reconnectToLearn.reason);
    return false;
  };

  const reconsider = (releaseId?: string) => {
    for (const document of hocuspocus.documents.values()) {
      if (releaseId && document.name !== releaseId) continue;
      for (const connection of document.getConnections()) bringInLine(connection);
    }
  };
  releases.onStatusChange((releaseId) => reconsider(releaseId));
  const sweep = setInterval(() => {
    try {
      reconsider();
    } catch (error) {
      log.error('The team server could not check its open sync connections', error);
    }
  }, sweepIntervalMs);
  sweep.unref();

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://host').pathname !== syncPath) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (websocket) => hocuspocus.handleConnection(websocket, request));
  };
  server.on('upgrade', onUpgrade);

  return {
    liveDocument: (releaseId) => hocuspocus.documents.get(releaseId),
    reconsider,
    close: async () => {
      clearInterval(sweep);
      server.off('upgrade', onUpgrade);
      // Every pending store runs now, before the sockets and the database go, so nothing typed is lost at shutdown.
      await Promise.all([...hocuspocus.documents.keys()].map((name) => hocuspocus.debouncer.executeNow(`onStoreDocument-${name}`)));
      hocuspocus.closeConnections();
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
    },
  };
}

/** How long a server started with --redis waits for Redis before it gives up starting. */
const redisStartMs = 10_000;

/**
 * The Redis extension, once both its connections are ready: a server told to
 * share updates through Redis and unable to would leave people on different
 * processes typing past each other without a word, so it does not start.
 */
async function reachRedis(address: string): Promise<Redis> {
  const extension = new Redis(redisOptions(address));
  const clients = [extension.pub, extension.sub];
  let lastError = 'no answer';
  const noted = (error: Error) => (lastError = error.message);
  for (const client of clients) client.on('error', noted);
  try {
    await Promise.race([
      Promise.all(clients.map((client) => (client.status === 'ready' ? undefined : once(client, 'ready')))),
      new Promise((_resolve, reject) => setTimeout(reject, redisStartMs).unref()),
    ]);
  } catch {
    for (const client of clients) client.disconnect();
    throw new Error(`Redis at ${address} could not be reached (${lastError}), so the server did not start.`);
  } finally {
    for (const client of clients) client.off('error', noted);
  }
  // Later failures pass (ioredis reconnects by itself); they are logged, not thrown.
  for (const client of clients) client.on('error', (error: Error) => log.warn(`Redis: ${error.message}`));
  return extension;
}

function redisOptions(address: string) {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new Error(`--redis must be an address such as redis://127.0.0.1:6379, not ${JSON.stringify(address)}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error('--redis must start with redis:// or rediss://');
  const db = url.pathname.replace(/^\//, '');
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    options: {
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(db ? { db: Number(db) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}

/** The sync steps of y-protocols/sync that carry an update. */
const syncStep2 = 1;
const syncUpdate = 2;

/**
 * An inline comment is anchored by a mark in the body, so anchoring one is an
 * update to the document even while nobody may change the content (a release
 * in review, which its reviewers comment on). A read-only connection's update
 * is applied here when, tried on a copy, it changes only where comments are
 * anchored; Hocuspocus then handles the message as from any read-only
 * connection and refuses anything else in it. It acknowledges a sync step 2
 * whose changes the document already holds, but refuses every plain update
 * from a read-only connection, so a plain update taken here is marked as a
 * step 2 (the same byte's place, the same length) for it to be acknowledged:
 * otherwise the provider would wait for that acknowledgement until it
 * reconnected.
 */
function takeCommentAnchors(document: Y.Doc, connection: Connection, data: Uint8Array): void {
  // [document name][message type][sync step][update]
  const message = new SyncMessage(data);
  message.readVarString();
  if (message.readVarUint() !== MessageType.Sync) return;
  const stepAt = message.decoder.pos;
  const step = message.readVarUint();
  if (step !== syncStep2 && step !== syncUpdate) return;
  const update = message.readVarUint8Array();
  if (updateChangesContent(document, update)) return;
  Y.applyUpdate(document, update, connection);
  if (step === syncUpdate) data[stepAt] = syncStep2;
}
