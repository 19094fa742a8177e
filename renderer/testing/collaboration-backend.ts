import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { SyncStatus } from '@shared/api/collaboration';
import type { MethodName } from '@shared/api/contract';
import { fail, ok, type ApiError, type Result } from '@shared/api/result';

/**
 * The backend's side of the collaboration contract for renderer tests: one
 * document and one presence per release, pushes kept in order, long pulls
 * answered as soon as something the page lacks arrives. It stands in for the
 * desktop backend (electron/team/) so that the page's half can be tested on
 * its own; every other method goes to the real store.
 */
export class CollaborationBackend {
  readonly doc = new Y.Doc();
  readonly presence = new Awareness(this.doc);
  pushes: Uint8Array[] = [];
  pulls = 0;
  openLongPulls = 0;
  mostOpenLongPulls = 0;
  status: SyncStatus = { mode: 'team', server: 'http://127.0.0.1:1', online: true, waiting: 0, reason: null };
  /** The next pushes fail with these errors, one each, before any lands. */
  readonly pushFailures: ApiError[] = [];
  private readonly waiters = new Set<() => void>();
  /** Counts presence changes, and which count each page (by its Yjs client id) was last answered with. */
  private presenceVersion = 0;
  private readonly presenceDelivered = new Map<number, number>();

  constructor(readonly releaseId: string) {
    this.presence.setLocalState(null);
    this.doc.on('update', () => this.wake());
    this.presence.on('change', () => {
      this.presenceVersion++;
      this.wake();
    });
  }

  /** Handles the collaboration methods; null for any other method, which the caller sends to the store. */
  async handle(method: MethodName, input: unknown): Promise<Result<unknown> | null> {
    switch (method) {
      case 'openReleaseDoc':
        return ok({ collaborative: true, update: Y.encodeStateAsUpdate(this.doc) });
      case 'pushReleaseUpdate': {
        const { update } = input as { update: Uint8Array };
        const failure = this.pushFailures.shift();
        if (failure) return fail(failure);
        this.pushes.push(update);
        Y.applyUpdate(this.doc, update, 'page');
        return ok({});
      }
      case 'pullReleaseUpdate':
        return ok(await this.pull(input as { stateVector: Uint8Array; awareness: Uint8Array | null; waitMs: number }));
      case 'syncStatus':
        return ok(this.status);
      default:
        return null;
    }
  }

  private async pull({ stateVector, awareness, waitMs }: { stateVector: Uint8Array; awareness: Uint8Array | null; waitMs: number }) {
    this.pulls++;
    const page = awareness ? senderOf(awareness) : null;
    if (awareness) applyAwarenessUpdate(this.presence, awareness, 'page');
    const presenceNews = () => page !== null && (this.presenceDelivered.get(page) ?? 0) < this.presenceVersion;
    // Deletions move no clock, so a page's state vector cannot show it lacks one: whatever arrives while it waits is news.
    const ahead = () => {
      const page = Y.decodeStateVector(stateVector);
      return [...Y.decodeStateVector(Y.encodeStateVector(this.doc))].some(([client, clock]) => clock > (page.get(client) ?? 0));
    };
    let news = ahead();
    if (waitMs > 0 && !news && !presenceNews()) {
      this.openLongPulls++;
      this.mostOpenLongPulls = Math.max(this.mostOpenLongPulls, this.openLongPulls);
      news = await new Promise<boolean>((resume) => {
        const done = (arrived: boolean) => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resume(arrived);
        };
        const wake = () => done(true);
        const timer = setTimeout(() => done(false), waitMs);
        this.waiters.add(wake);
      });
      this.openLongPulls--;
    }
    if (page !== null) this.presenceDelivered.set(page, this.presenceVersion);
    return { update: news ? Y.encodeStateAsUpdate(this.doc, stateVector) : null, awareness: this.presenceBytes() };
  }

  private presenceBytes(): Uint8Array<ArrayBuffer> {
    // Those who left are included, with their null state, so that every page drops them too.
    return encodeAwarenessUpdate(this.presence, [...this.presence.meta.keys()]) as Uint8Array<ArrayBuffer>;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  close(): void {
    this.wake();
    this.presence.destroy();
  }
}

/** The Yjs client id a page's presence update speaks for. */
function senderOf(update: Uint8Array): number | null {
  const probe = new Awareness(new Y.Doc());
  applyAwarenessUpdate(probe, update, null);
  const [sender] = [...probe.meta.keys()].filter((client) => client !== probe.clientID);
  probe.destroy();
  return sender ?? null;
}

/** Polls a condition until it holds, at most `withinMs`; never a fixed sleep. */
export async function until(condition: () => boolean, what: string, withinMs = 5_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what} after ${withinMs} ms`);
    await new Promise((resume) => setTimeout(resume, 5));
  }
}
