import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { ListenedWebSocket } from '../team/listened-web-socket';

/**
 * A release's document synced with a team server as a desktop would sync it,
 * through Hocuspocus's own provider, for tests under Node. Every event the
 * provider reports is kept, so a test waits for one instead of for time.
 */
/** Hocuspocus's message type for "your update was applied (1) or refused (0)". */
const syncStatusMessage = 8;

export interface SyncedRelease {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Scopes the server granted, in order ("read-write" or "readonly"). */
  scopes: string[];
  /** Reasons the server gave for refusing the connection. */
  refusals: string[];
  /** Close codes of the socket, in order. */
  closes: number[];
  /** Acknowledgements of our updates: true when applied, false when the server refused them. */
  acknowledgements: boolean[];
  destroy(): void;
}

export function syncRelease(serverUrl: string, releaseId: string, token: string, doc = new Y.Doc()): SyncedRelease {
  const socket = new HocuspocusProviderWebsocket({
    url: `${serverUrl.replace(/^http/, 'ws')}/sync`,
    WebSocketPolyfill: ListenedWebSocket,
    // Reconnect at once in tests: what is waited for is the server's answer, not a back-off.
    delay: 50,
    minDelay: 50,
    maxDelay: 200,
  });
  const synced: SyncedRelease = {
    doc,
    socket,
    scopes: [],
    refusals: [],
    closes: [],
    acknowledgements: [],
    provider: new HocuspocusProvider({
      websocketProvider: socket,
      name: releaseId,
      document: doc,
      token,
      onAuthenticated: ({ scope }) => synced.scopes.push(scope),
      onAuthenticationFailed: ({ reason }) => synced.refusals.push(reason),
    }),
    destroy: () => {
      synced.provider.destroy();
      socket.destroy();
    },
  };
  synced.provider.attach();
  socket.on('close', ({ event }: { event: { code: number } }) => synced.closes.push(event.code));
  // A refusal of our update arrives only as a sync status of false, which the provider reads and drops.
  // [document name][type][1 applied | 0 refused]
  synced.provider.on('message', ({ message }: { message: { readVarString(): string; readVarUint(): number } }) => {
    message.readVarString();
    if (message.readVarUint() === syncStatusMessage) synced.acknowledgements.push(message.readVarUint() === 1);
  });
  return synced;
}

/** Polls until the condition holds, failing with the description after the deadline. */
export async function until(description: string, condition: () => boolean | Promise<boolean>, deadlineMs = 10_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
