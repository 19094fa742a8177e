import { randomUUID } from 'node:crypto';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { applyAwarenessUpdate, encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { SyncStatus } from '@shared/api/collaboration';
import { ApiFailure } from '@shared/api/result';
import type { TeamRelease } from '@shared/api/team-releases';
import { emptyReleaseContent } from '@shared/release/content';
import { releaseFields } from '@shared/release/fields';
import { releaseContentOf } from '@shared/release/release-doc';
import { releasePhotos } from '@shared/release/text';
import { log } from '../log/log';
import type { Stores } from '../api/handlers';
import type { TeamLink } from './team-link';
import { ListenedWebSocket } from './listened-web-socket';
import { pageOrigin } from './release-documents';

/**
 * How the socket tries again after the server went away (quickly at first,
 * then at most every half minute), and how often the list of the team's
 * releases is read again while online, so releases others start appear here.
 */
export interface SyncTiming {
  delay: number;
  maxDelay: number;
  listEveryMs: number;
}
const officeTiming: SyncTiming = { delay: 1_000, maxDelay: 30_000, listEveryMs: 15_000 };

/** Said after the headline of a draft that keeps offline edits the server would not take. */
const keptCopySuffix = ' (your offline edits)';

/** Presence passed between the page's side and the server's side of a release; never sent back where it came from. */
const relayOrigin = Symbol('relayed presence');

interface Channel {
  releaseId: string;
  /** The log's seq of the newest local update the provider has been handed, acknowledged once it reports nothing unsynced. */
  handedThroughSeq: number;
  stop(): void;
}

/**
 * The desktop's side of the team: while signed in, one socket to the server's
 * /sync and a Hocuspocus provider per collaborative release over it. Updates
 * made here are already in the log (ReleaseDocuments) when they are handed to
 * the provider, so offline work simply waits there and goes out when the socket
 * is back; Yjs merges it, nothing needs resolving. Updates from the server go
 * into the log as acknowledged.
 */
export class TeamSync {
  private socket: HocuspocusProviderWebsocket | null = null;
  private server: string | null = null;
  private readonly channels = new Map<string, Channel>();
  private online = false;
  private reason: string | null = null;
  private listTimer: NodeJS.Timeout | null = null;
  private readonly uploadedPhotos = new Set<string>();
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private caughtUp: (() => Promise<void>) | null = null;
  private notice: string | null = null;

  constructor(
    private readonly team: TeamLink,
    private readonly stores: Stores,
    private readonly timing: SyncTiming = officeTiming,
  ) {}

  /** Starts syncing if signed in and not syncing already; stops if the session is gone. */
  ensureRunning(): void {
    const credentials = this.team.syncCredentials();
    if (!credentials) return this.stop();
    if (this.socket && this.server === credentials.server) return;
    this.stop();
    this.server = credentials.server;
    const socket = new HocuspocusProviderWebsocket({
      url: `${credentials.server.replace(/^http/, 'ws')}/sync`,
      WebSocketPolyfill: ListenedWebSocket,
      delay: this.timing.delay,
      minDelay: this.timing.delay,
      maxDelay: this.timing.maxDelay,
    });
    this.socket = socket;
    socket.on('status', ({ status }: { status: string }) => {
      this.online = status === 'connected';
      if (this.online) this.reason = null;
    });
    socket.on('connect', () => void this.catchUp());
    socket.on('close', ({ event }: { event: { code?: number; reason?: string } }) => {
      this.online = false;
      this.reason = event.reason ? `The team server closed the connection: ${event.reason}` : 'The team server cannot be reached.';
    });
    this.stores.documents.listen({
      localUpdate: (releaseId, seq) => this.sendLocal(releaseId, seq),
      born: () => void this.catchUp(),
    });
    this.listTimer = setInterval(() => void this.catchUp(), this.timing.listEveryMs);
    this.listTimer.unref();
    void this.catchUp();
  }

  /** Closes the socket and every provider; what was not sent stays in the log for the next time. */
  stop(): void {
    for (const channel of this.channels.values()) channel.stop();
    this.channels.clear();
    this.stores.documents.listen(null);
    if (this.listTimer) clearInterval(this.listTimer);
    this.listTimer = null;
    this.socket?.destroy();
    this.socket = null;
    this.server = null;
    this.online = false;
  }

  status(): SyncStatus {
    const credentials = this.team.syncCredentials();
    if (!credentials) return { mode: 'solo' };
    return {
      mode: 'team',
      server: credentials.server,
      online: this.online,
      waiting: this.stores.updates.unacknowledgedCount() + this.stores.teamRecords.pendingCommandCount(),
      reason: this.online ? this.notice : (this.reason ?? 'Dateline is connecting to the team server.'),
    };
  }

  /**
   * Everything that waits for the server, once per connection and now and then
   * while online: the team's releases listed here, local releases joined, each
   * collaborative release synced. One pass at a time.
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      // Asked again while a pass runs (a release made meanwhile): one more pass follows, not one per ask.
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        await this.catchUpOnce();
      } while (this.catchUpAgain && this.socket);
    })().finally(() => (this.catchingUp = null));
    return this.catchingUp;
  }

  private async catchUpOnce(): Promise<void> {
    const socket = this.socket;
    // Every await may outlast this connection (a sign-out, the database closing): nothing is touched after it ended.
    const live = () => this.socket === socket && socket !== null;
    if (!live()) return;
    try {
      const listed = await this.team.call('teamReleases', { view: 'active' });
      if (!live()) return;
      this.adoptTeamReleases(listed);
      this.joinSoloReleases();
    } catch (error) {
      this.noteFailure(error);
    }
    // One release the server refuses (another author's id, say) holds up none of the others.
    for (const releaseId of live() ? this.stores.updates.collaborativeReleaseIds() : []) {
      if (!live()) return;
      try {
        await this.join(releaseId, live);
      } catch (error) {
        if (live()) this.noteFailure(error);
      }
    }
    if (!live() || !this.caughtUp) return;
    try {
      await this.caughtUp();
    } catch (error) {
      if (live()) this.noteFailure(error);
    }
  }

  /** Others' releases appear here as local ones, under the server's id; their words arrive with their documents. */
  private adoptTeamReleases(listed: TeamRelease[]): void {
    for (const release of listed) {
      if (!this.stores.documents.isCollaborative(release.id)) this.adoptTeamRelease(release);
      this.mirrorState(release);
    }
  }

  private adoptTeamRelease(release: TeamRelease): void {
    const { releases, updates, people } = this.stores;
    updates.atomically(() => {
      const author = people.known(release.authorName);
      if (!this.exists(release.id)) releases.create(author.id, emptyReleaseContent(), { fromTeam: true }, release.id);
      // An empty document, acknowledged: it marks the release collaborative without seeding anything the server's copy would merge with.
      updates.append(release.id, Y.encodeStateAsUpdate(new Y.Doc()), true);
      this.stores.teamRecords.recordRegistration(release.id, this.server!);
    });
  }

  /** Releases made before signing in join the team once: their documents are born from their content, here, once. */
  private joinSoloReleases(): void {
    const { releases, documents } = this.stores;
    for (const summary of releases.list('active')) {
      if (documents.isCollaborative(summary.id)) continue;
      documents.seed(summary.id, releases.get(summary.id).content);
    }
  }

  /** Registers the release once, sends its photos, then syncs its document. */
  private async join(releaseId: string, live: () => boolean): Promise<void> {
    if (this.channels.has(releaseId) || !this.socket) return;
    const { teamRecords } = this.stores;
    await this.uploadPhotos(releaseId);
    if (!live()) return;
    if (!teamRecords.isRegistered(releaseId, this.server!)) {
      await this.team.call('registerRelease', { commandId: randomUUID(), id: releaseId });
      if (!live()) return;
      teamRecords.recordRegistration(releaseId, this.server!);
    }
    if (this.channels.has(releaseId) || !this.socket) return;
    this.channels.set(releaseId, this.openChannel(releaseId, this.socket));
  }

  private openChannel(releaseId: string, socket: HocuspocusProviderWebsocket): Channel {
    const { documents, updates } = this.stores;
    const { doc, awareness } = documents.shared(releaseId);
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: releaseId,
      document: doc,
      token: () => this.team.syncCredentials()?.token ?? '',
    });
    // The backend is nobody's caret; the page's presence is relayed in below.
    provider.awareness!.setLocalState(null);
    const channel: Channel = {
      releaseId,
      handedThroughSeq: updates.lastSeq(releaseId),
      stop: () => {
        stopRelay();
        doc.off('update', onTeamUpdate);
        provider.destroy();
      },
    };
    provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      // Nothing unsynced means the server applied everything handed over so far, offline edits included (sync step 2).
      if (number === 0 && provider.synced) this.acknowledged(channel);
    });
    provider.on('synced', ({ state }: { state: boolean }) => {
      if (state && provider.unsyncedChanges === 0) this.acknowledged(channel);
    });
    provider.on('authenticated', ({ scope }: { scope: string }) => {
      // Read-only with words still to send: the server will refuse them, so they are kept as a draft of their own.
      // Comment anchors alone it takes, so they simply go out.
      if (scope === 'readonly' && documents.unacknowledgedChangesContent(releaseId)) this.keepAsCopy(releaseId);
      void this.refreshState(releaseId);
    });
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      this.reason = `The team server refused to sync “${this.headlineOf(releaseId)}”: ${reason}`;
    });
    const onTeamUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) void this.fetchMissingPhotos(releaseId);
    };
    doc.on('update', onTeamUpdate);
    const stopRelay = relayPresence(awareness, provider.awareness!);
    provider.attach();
    return channel;
  }

  /**
   * Edits made here offline that the server will not take (the release went
   * into review there meanwhile) become a new draft with this desktop's
   * words, titled so the person recognises it, and leave the original, which
   * then syncs as the server has it. The person is told in the activity and
   * the sync status; nothing is dropped.
   */
  private keepAsCopy(releaseId: string): void {
    const { documents, releases, updates, people, audit } = this.stores;
    try {
      const channel = this.channels.get(releaseId);
      const content = documents.content(releaseId);
      const person = people.requireCurrent();
      const original = content.headline.trim() || 'Untitled';
      const headline = original.slice(0, releaseFields.headline.maxLength - keptCopySuffix.length) + keptCopySuffix;
      const copy = updates.atomically(() => {
        const created = releases.create(person.id, { ...content, headline }, { keptFrom: releaseId });
        documents.seed(created.id, created.content);
        audit.record(releaseId, person.id, 'kept-as-copy', { copy: created.id, headline });
        return created;
      });
      channel?.stop();
      this.channels.delete(releaseId);
      documents.discardUnacknowledged(releaseId);
      this.tell(
        `“${content.headline || 'Untitled'}” went into review on the team server while you edited it offline, so your edits were kept as a new draft, “${headline}”.`,
      );
      log.info(`Kept offline edits to ${releaseId} as the new draft ${copy.id}`);
      void this.catchUp();
    } catch (error) {
      this.noteFailure(error);
    }
  }

  /** Commands queued on this release waited for its edits to arrive: now they can go. */
  private acknowledged(channel: Channel): void {
    this.stores.updates.acknowledge(channel.releaseId, channel.handedThroughSeq);
    if (this.stores.teamRecords.pendingCommandCount() > 0) void this.catchUp();
  }

  /** A page's update, already logged as seq: the provider sends it by itself (it watches the document); this notes how far it got. */
  private sendLocal(releaseId: string, seq: number): void {
    const channel = this.channels.get(releaseId);
    if (channel) {
      channel.handedThroughSeq = Math.max(channel.handedThroughSeq, seq);
      void this.uploadPhotos(releaseId).catch((error) => this.noteFailure(error));
    } else void this.catchUp();
  }

  private async refreshState(releaseId: string): Promise<void> {
    const socket = this.socket;
    try {
      const release = await this.team.call('teamRelease', { id: releaseId });
      if (this.socket === socket) this.mirrorState(release);
    } catch (error) {
      this.noteFailure(error);
    }
  }

  /** The server's state and latest signed approval, taken into the local lifecycle (the only writer of status). */
  /** Runs after each pass that reached the server: the workflow replays its queue there. */
  afterCatchUp(hook: () => Promise<void>): void {
    this.caughtUp = hook;
  }

  /** Something the person must hear about the team (a refused command), said in the status until the next one. */
  tell(reason: string): void {
    this.notice = reason;
  }

  refresh(releaseId: string): Promise<void> {
    return this.refreshState(releaseId);
  }

  adopt(release: TeamRelease): void {
    this.mirrorState(release);
  }

  private mirrorState(release: TeamRelease): void {
    if (this.stores.teamRecords.hasPendingAction(release.id)) return;
    try {
      this.stores.documents.flush(release.id);
      if (release.approval) this.stores.teamRecords.keepApproval(release.approval);
      this.stores.lifecycle.adoptServerState(release.id, {
        status: release.status,
        changedAt: release.statusChangedAt ?? release.updatedAt,
        changedBy: release.statusChangedByName ? this.stores.people.known(release.statusChangedByName).id : null,
        approval: release.approval
          ? {
              approverId: this.stores.people.known(release.approval.approverName).id,
              contentSha256: release.approval.contentSha256,
              approvedAt: release.approval.approvedAt,
            }
          : null,
      });
    } catch (error) {
      this.noteFailure(error);
    }
  }

  private async uploadPhotos(releaseId: string): Promise<void> {
    const content = releaseContentOf(this.stores.documents.shared(releaseId).doc);
    for (const { photoId } of releasePhotos(content)) {
      if (this.uploadedPhotos.has(photoId)) continue;
      const photo = this.socket ? this.stores.photos.get(photoId) : null;
      if (!photo) continue;
      await this.team.call('teamPutPhoto', { bytes: new Uint8Array(photo.bytes) });
      this.uploadedPhotos.add(photoId);
    }
  }

  private async fetchMissingPhotos(releaseId: string): Promise<void> {
    try {
      const content = releaseContentOf(this.stores.documents.shared(releaseId).doc);
      const missing = this.stores.photos.missing(releasePhotos(content).map((photo) => photo.photoId));
      const socket = this.socket;
      for (const id of missing) {
        const { bytes } = await this.team.call('teamGetPhoto', { id });
        if (this.socket !== socket) return;
        this.stores.photos.add(bytes);
        this.uploadedPhotos.add(id);
      }
      // The snapshot waited for these photos (the store refuses content naming a photo it lacks).
      if (missing.length > 0) this.stores.documents.flush(releaseId);
    } catch (error) {
      this.noteFailure(error);
    }
  }

  private exists(releaseId: string): boolean {
    try {
      this.stores.releases.get(releaseId);
      return true;
    } catch (error) {
      if (error instanceof ApiFailure && error.error.kind === 'not-found') return false;
      throw error;
    }
  }

  private headlineOf(releaseId: string): string {
    return this.stores.releases.list('active').find((release) => release.id === releaseId)?.headline || 'Untitled';
  }

  /** A failure that passes (the server away) shows in the status; anything else is also written to the log. */
  private noteFailure(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.reason = message;
    if (!(error instanceof ApiFailure && error.error.kind === 'unavailable')) log.warn(`Team sync: ${message}`);
  }
}

/**
 * Presence both ways between the page's side (the backend's awareness, which
 * pages pull) and the server's side (the provider's): the page's own caret goes
 * out, others' come in, neither is echoed back. Removals come in too: a person
 * who closed the release leaves the pages, and when the socket closes the
 * provider drops everyone it knew, so the pages show no carets that would only
 * stand still while offline; the server sends them again on reconnecting.
 */
function relayPresence(pageSide: Awareness, serverSide: Awareness): () => void {
  type Change = { added: number[]; updated: number[]; removed: number[] };
  const changed = ({ added, updated, removed }: Change) => [...added, ...updated, ...removed];
  const outward = (change: Change, origin: unknown) => {
    if (origin === pageOrigin) applyAwarenessUpdate(serverSide, encodeAwarenessUpdate(pageSide, changed(change)), relayOrigin);
  };
  const inward = (change: Change, origin: unknown) => {
    if (origin === relayOrigin) return;
    const clients = changed(change).filter((client) => client !== serverSide.clientID);
    if (clients.length > 0) applyAwarenessUpdate(pageSide, encodeAwarenessUpdate(serverSide, clients), relayOrigin);
  };
  pageSide.on('update', outward);
  serverSide.on('update', inward);
  return () => {
    pageSide.off('update', outward);
    serverSide.off('update', inward);
  };
}
