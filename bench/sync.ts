// The team server's sync, measured over loopback: how soon a keystroke on one
// desktop reaches another, how long 1,000 edits made offline take to merge on
// reconnect, and what 50 open releases cost the server in memory. The peer is
// a bare WebSocket relay passing the same Yjs updates between the same two
// documents, with no sign-in, no persistence and no Hocuspocus: the floor the
// network and Yjs alone set on this machine.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { fromWire, toWire } from '@shared/api/wire';
import { emptyReleaseContent, type ReleaseContent } from '@shared/release/content';
import type { BodyDoc } from '@shared/release/body';
import { releaseBody as releaseFragment, seedReleaseDoc } from '@shared/release/release-doc';
import { addTeamUser, serveTeam } from '../electron/testing/team-server-process';
import { releaseBody, typedText } from './body';

export interface LatencyRow {
  path: 'Dateline team server' | 'bare WebSocket relay';
  keys: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
}

export interface SyncResult {
  latency: LatencyRow[];
  intervalMs: number;
  offlineEdits: number;
  /** From the reconnect until the other desktop holds every offline edit. */
  mergeMs: number;
  /** The same updates merged into a copy in one process, no network: Yjs's own cost. */
  mergeInProcessMs: number;
  releasesOpen: number;
  wordsEach: number;
  serverRssIdleMiB: number;
  serverRssOpenMiB: number;
}

const keys = 400;
export const warmUpSyncKeys = 20;
const intervalMs = 25;
const password = 'bench-password-long-enough';

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(server: string, method: string, input: unknown, token?: string): Promise<unknown> {
  const response = await fetch(`${server}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: toWire(input),
  });
  const result = fromWire(await response.text()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error!.message}`);
  return result.value;
}

const releaseOf = (words: number): ReleaseContent => ({
  ...emptyReleaseContent(),
  headline: 'Harbour Authority opens the eastern quay',
  body: releaseBody(words) as BodyDoc,
});

/** The text node at the end of the body's last paragraph, where the typist types. */
function lastText(doc: Y.Doc): Y.XmlText {
  const fragment = releaseFragment(doc);
  for (let index = fragment.length - 1; index >= 0; index--) {
    const block = fragment.get(index);
    if (block instanceof Y.XmlElement && block.nodeName === 'paragraph') {
      const text = block.get(block.length - 1);
      if (text instanceof Y.XmlText) return text;
    }
  }
  throw new Error('the body has no paragraph with text');
}

/** Types `count` keys into A by the clock and times each until B's copy shows it. */
async function typeAndTime(typist: Y.Doc, reader: Y.Doc, count: number): Promise<number[]> {
  const typed = typedText(count).replaceAll('\r', ' ');
  const target = lastText(typist);
  const readerText = () => lastText(reader).length;
  const start = readerText();
  const sentAt: number[] = [];
  const latencies: number[] = [];
  const arrived = () => {
    const length = readerText() - start;
    while (latencies.length < length && latencies.length < sentAt.length) latencies.push(performance.now() - sentAt[latencies.length]!);
  };
  reader.on('update', arrived);
  for (let index = 0; index < count; index++) {
    sentAt.push(performance.now());
    target.insert(target.length, typed[index]!);
    await wait(intervalMs);
  }
  const deadline = Date.now() + 30_000;
  while (latencies.length < count && Date.now() < deadline) await wait(10);
  reader.off('update', arrived);
  if (latencies.length < count) throw new Error(`only ${latencies.length} of ${count} keys arrived`);
  return latencies.slice(warmUpSyncKeys);
}

function row(path: LatencyRow['path'], latencies: number[]): LatencyRow {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { path, keys: sorted.length, medianMs: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95), p99Ms: quantile(sorted, 0.99) };
}

/** Two documents joined by a relay that forwards each update as it is, to everyone else. */
async function bareRelayLatency(seed: Uint8Array): Promise<number[]> {
  const http = createServer();
  const relay = new WebSocketServer({ server: http });
  relay.on('connection', (socket) =>
    socket.on('message', (data) => {
      for (const other of relay.clients) if (other !== socket) other.send(data);
    }),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const join = async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seed);
    const socket = new WebSocket(url);
    await new Promise((resolve) => socket.once('open', resolve));
    doc.on('update', (update: Uint8Array, origin: unknown) => origin !== socket && socket.send(update));
    socket.on('message', (data: Buffer) => Y.applyUpdate(doc, new Uint8Array(data), socket));
    return { doc, socket };
  };
  const a = await join();
  const b = await join();
  try {
    return await typeAndTime(a.doc, b.doc, keys);
  } finally {
    a.socket.close();
    b.socket.close();
    relay.close();
    http.close();
  }
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

export async function benchmarkSync(serverScript: string): Promise<SyncResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-sync-'));
  const created = addTeamUser(serverScript, dataDir, ['--name', 'Bench Writer', '--role', 'writer', '--admin'], password);
  if (created.status !== 0) throw new Error(`add-user failed: ${created.stderr}`);
  const server = await serveTeam(serverScript, dataDir);
  const sockets: HocuspocusProviderWebsocket[] = [];
  const providers: HocuspocusProvider[] = [];
  try {
    const { token } = (await call(server.url, 'signIn', { name: 'Bench Writer', password })) as { token: string };
    const serverRssIdleMiB = rssMiB(server.child.pid!);
    const syncUrl = `${server.url.replace(/^http/, 'ws')}/sync`;
    const socket = () => {
      const made = new HocuspocusProviderWebsocket({ url: syncUrl, WebSocketPolyfill: WebSocket });
      sockets.push(made);
      return made;
    };
    const open = async (id: string, doc: Y.Doc, on = socket()) => {
      const provider = new HocuspocusProvider({ websocketProvider: on, name: id, document: doc, token });
      providers.push(provider);
      provider.attach();
      await new Promise<void>((resolve, reject) => {
        provider.on('synced', () => resolve());
        provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(reason)));
      });
      await until(() => provider.unsyncedChanges === 0);
      return provider;
    };
    const register = (id: string) => call(server.url, 'registerRelease', { commandId: randomUUID(), id }, token);

    // A keystroke from one desktop to another, through the server.
    const id = randomUUID();
    await register(id);
    const seeded = new Y.Doc();
    seedReleaseDoc(seeded, releaseOf(1_000));
    const seed = Y.encodeStateAsUpdate(seeded);
    const writer = new Y.Doc();
    Y.applyUpdate(writer, seed);
    const reviewer = new Y.Doc();
    await open(id, writer);
    await open(id, reviewer);
    const teamLatencies = await typeAndTime(writer, reviewer, keys);
    const relayLatencies = await bareRelayLatency(seed);

    // 1,000 edits made on a plane, merged when the laptop is back.
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(reviewer));
    const offlineEdits = 1_000;
    const offlineUpdates: Uint8Array[] = [];
    laptop.on('update', (update: Uint8Array) => offlineUpdates.push(update));
    const typed = typedText(offlineEdits).replaceAll('\r', ' ');
    for (let index = 0; index < offlineEdits; index++) {
      const target = lastText(laptop);
      target.insert(index % 7 === 0 ? 0 : target.length, typed[index]!);
    }
    const expected = lastText(laptop).toString();
    const inProcessStart = performance.now();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(reviewer));
    Y.applyUpdate(copy, Y.mergeUpdates(offlineUpdates));
    const mergeInProcessMs = performance.now() - inProcessStart;
    const mergeStart = performance.now();
    await open(id, laptop);
    await until(() => lastText(reviewer).toString() === expected);
    const mergeMs = performance.now() - mergeStart;

    // 50 releases open at once, each a 1,000-word release with its own desktop copy.
    const releasesOpen = 50;
    const shared = socket();
    for (let index = 0; index < releasesOpen; index++) {
      const releaseId = randomUUID();
      await register(releaseId);
      const doc = new Y.Doc();
      seedReleaseDoc(doc, releaseOf(1_000));
      await open(releaseId, doc, shared);
    }
    const serverRssOpenMiB = rssMiB(server.child.pid!);

    return {
      latency: [row('Dateline team server', teamLatencies), row('bare WebSocket relay', relayLatencies)],
      intervalMs,
      offlineEdits,
      mergeMs,
      mergeInProcessMs,
      releasesOpen,
      wordsEach: 1_000,
      serverRssIdleMiB,
      serverRssOpenMiB,
    };
  } finally {
    for (const provider of providers) provider.destroy();
    for (const made of sockets) made.destroy();
    server.child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function until(condition: () => boolean, withinMs = 60_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the benchmark waited a minute for sync and gave up');
    await wait(5);
  }
}
