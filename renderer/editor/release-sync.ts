import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { ApiClient } from '@shared/api/contract';
import type { SyncStatus } from '@shared/api/collaboration';
import type { ApiError } from '@shared/api/result';
import type { ReleaseSaver, SaveState } from './autosave';

/** Waits before each automatic retry of a push or a pull, as the autosaver's; the first ones go unannounced, the last repeats. */
const retryDelaysMs = [250, 1_000, 2_000, 5_000, 10_000, 30_000];
const quietRetries = 2;

export interface ReleaseSyncOptions {
  client: ApiClient;
  releaseId: string;
  /** The document as openReleaseDoc gave it. */
  update: Uint8Array;
  /** Who this page is to the others: the name beside their caret, and its colour. */
  person: { name: string };
  /** Collect keystrokes this long before pushing them as one update… */
  pushDelayMs?: number;
  /** …and wait this long at most for something new in each pull. */
  pullWaitMs?: number;
  /** How often the backend's view of the team link is asked while the release is open, besides after each push and pull. */
  statusEveryMs?: number;
  /**
   * A long pull came back, with news or after waiting: the release's state (a
   * review action taken elsewhere) may have changed meanwhile.
   */
  onPulled?: () => void;
  /** The backend's view of the team link, asked after each push and long pull and every statusEveryMs. */
  onSyncStatus?: (status: SyncStatus) => void;
}

/** Calm, distinct colours for other people's carets. */
export const caretPalette = ['#2f6f9f', '#8a5a2b', '#3d7a4f', '#7a4d86', '#a0413c', '#2b7a78', '#6b6b2f', '#4f5fa8'] as const;

/**
 * A person's caret colour, from their name: the one thing every Dateline on
 * the team knows them by alike (local ids differ from desktop to desktop,
 * and names are unique on the team, whatever their case).
 */
export function caretColour(name: string): string {
  let hash = 0x811c9dc5;
  for (const unit of name.normalize('NFC').toLowerCase()) hash = Math.imul(hash ^ unit.codePointAt(0)!, 0x01000193);
  return caretPalette[(hash >>> 0) % caretPalette.length]!;
}

/**
 * The page's copy of a collaborative release and its exchange with the
 * backend. Edits made here are collected for a moment and pushed as one merged
 * update, one push at a time and in order; a failed push keeps its update and
 * is tried again, so no keystroke is ever dropped. A pull loop asks for what
 * this copy lacks (by its state vector) and carries this page's presence out
 * and the others' in. Pulling runs only between start() and stop(), which the
 * view calls as it mounts and unmounts, so React StrictMode's second mount
 * never leaves two loops running; pushing runs until everything typed landed.
 */
export class ReleaseSync implements ReleaseSaver {
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  private readonly pending: Uint8Array[] = [];
  private pushing: Promise<void> | null = null;
  private pushTimer: ReturnType<typeof setTimeout> | undefined;
  private pushFailuresInARow = 0;
  private saveState: SaveState = { kind: 'saved', at: null };
  private readonly listeners = new Set<() => void>();
  /** Each start() gets a new one; a loop whose generation is no longer current stops at its next turn and applies nothing. */
  private generation = 0;
  private running = false;
  private wakeRetry: (() => void) | null = null;
  private statusTimer: ReturnType<typeof setInterval> | undefined;
  private presenceSending = false;
  private presenceAgain = false;
  private disposed = false;
  private readonly pushDelayMs: number;
  private readonly pullWaitMs: number;
  private readonly statusEveryMs: number;
  /** Who this page is to the others: the name beside the caret, and its colour. */
  private readonly user: { name: string; color: string };

  constructor(private readonly options: ReleaseSyncOptions) {
    this.pushDelayMs = options.pushDelayMs ?? 60;
    this.pullWaitMs = options.pullWaitMs ?? 20_000;
    this.statusEveryMs = options.statusEveryMs ?? 5_000;
    this.user = { name: options.person.name, color: caretColour(options.person.name) };
    Y.applyUpdate(this.doc, options.update, this);
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState({ user: this.user });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // What arrived from the backend is already there; only this page's own edits go out.
      if (origin === this) return;
      this.pending.push(update);
      this.schedulePush(this.pushDelayMs);
    });
    this.awareness.on('update', (_change: unknown, origin: unknown) => {
      if (origin === 'local') this.sendPresence();
    });
  }

  getState = (): SaveState => this.saveState;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get hasUnsavedChanges(): boolean {
    return this.pending.length > 0 || this.pushing !== null;
  }

  /** Starts pulling (again); the previous loop, if any, ends without applying what it gets. */
  start(): void {
    if (this.disposed) return;
    if (this.running) return;
    this.running = true;
    const generation = ++this.generation;
    // Back after a stop (StrictMode's remount): present again, as who this person is.
    if (this.awareness.getLocalState() === null) this.awareness.setLocalState({ user: this.user });
    void this.pullLoop(generation);
    void this.askSyncStatus();
    this.statusTimer = setInterval(() => void this.askSyncStatus(), this.statusEveryMs);
  }

  /** Stops pulling and tells the others this person left; what is still to push keeps going. */
  stop(): void {
    if (!this.running) return;
    this.generation++;
    clearInterval(this.statusTimer);
    this.wakeRetry?.();
    // Said while still running: presence goes out only from a page that is on screen.
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
    this.running = false;
  }

  /** Pushes now; resolves when everything typed before the call landed, or a push failed. */
  async flush(): Promise<void> {
    clearTimeout(this.pushTimer);
    while (this.pushing) await this.pushing;
    if (this.pending.length === 0) return;
    this.pushing = this.pushOnce().finally(() => (this.pushing = null));
    await this.pushing;
  }

  /** For a session never shown again: no timers, no loop, no presence. */
  dispose(): void {
    this.stop();
    this.disposed = true;
    clearTimeout(this.pushTimer);
    this.awareness.destroy();
  }

  private schedulePush(delayMs: number): void {
    if (this.saveState.kind !== 'saving' && !(this.saveState.kind === 'failed' && !this.saveState.retrying))
      this.setState({ kind: 'saving' });
    clearTimeout(this.pushTimer);
    this.pushTimer = setTimeout(() => void this.flush(), delayMs);
  }

  private async pushOnce(): Promise<void> {
    // Everything collected so far goes as one update; what is typed meanwhile waits for the next push.
    const batch = this.pending.splice(0, this.pending.length);
    const update = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    if (this.saveState.kind !== 'saving') this.setState({ kind: 'saving' });
    const result = await this.options.client.pushReleaseUpdate({ id: this.options.releaseId, update: onWire(update) });
    void this.askSyncStatus();
    if (result.ok) {
      this.pushFailuresInARow = 0;
      if (this.pending.length > 0) this.schedulePush(0);
      else this.setState({ kind: 'saved', at: new Date().toISOString() });
      return;
    }
    // Kept, in front of anything typed since, so the order of edits never changes.
    this.pending.unshift(update);
    this.failed(result.error);
  }

  private failed(error: ApiError): void {
    if (!error.passing) {
      this.pushFailuresInARow = 0;
      this.setState({ kind: 'failed', message: error.message, retrying: false });
      return;
    }
    const attempt = this.pushFailuresInARow++;
    if (attempt >= quietRetries) this.setState({ kind: 'failed', message: error.message, retrying: true });
    clearTimeout(this.pushTimer);
    this.pushTimer = setTimeout(() => void this.flush(), retryDelaysMs[Math.min(attempt, retryDelaysMs.length - 1)]);
  }

  private async pullLoop(generation: number): Promise<void> {
    let failuresInARow = 0;
    while (generation === this.generation) {
      const ok = await this.pull(generation, this.pullWaitMs);
      if (ok === null) return;
      if (ok) {
        failuresInARow = 0;
        continue;
      }
      await this.pause(retryDelaysMs[Math.min(failuresInARow++, retryDelaysMs.length - 1)]!);
    }
  }

  /** One pull; null when the loop it belongs to has ended, so its answer is not applied twice. */
  private async pull(generation: number, waitMs: number): Promise<boolean | null> {
    const result = await this.options.client.pullReleaseUpdate({
      id: this.options.releaseId,
      stateVector: onWire(Y.encodeStateVector(this.doc)),
      awareness: onWire(encodeAwarenessUpdate(this.awareness, [this.doc.clientID])),
      waitMs,
    });
    if (generation !== this.generation || this.disposed) return null;
    if (waitMs > 0 || !result.ok) void this.askSyncStatus();
    if (!result.ok) return false;
    const { update, awareness } = result.value;
    if (awareness) applyAwarenessUpdate(this.awareness, awareness, this);
    if (update) Y.applyUpdate(this.doc, update, this);
    if (waitMs > 0) this.options.onPulled?.();
    return true;
  }

  /**
   * This person's caret moved or they left: said at once with a pull that does
   * not wait (the long pull already out carries the presence it started with).
   * At most one is out; a move meanwhile is sent after it.
   */
  private sendPresence(): void {
    // A copy never put on screen (React StrictMode builds one to throw away) has no presence to share.
    if (this.disposed || !this.running) return;
    this.transmitPresence();
  }

  /** The presence as it stands when the pull goes; one asked for while another is out (a leave included) follows it. */
  private transmitPresence(): void {
    if (this.presenceSending) {
      this.presenceAgain = true;
      return;
    }
    this.presenceSending = true;
    void this.pull(this.generation, 0).finally(() => {
      this.presenceSending = false;
      if (this.presenceAgain && !this.disposed) {
        this.presenceAgain = false;
        this.transmitPresence();
      }
    });
  }

  private async askSyncStatus(): Promise<void> {
    if (!this.options.onSyncStatus) return;
    const status = await this.options.client.syncStatus({});
    if (status.ok && !this.disposed) this.options.onSyncStatus(status.value);
  }

  /** Waits before a retry; stop() ends the wait at once. */
  private pause(ms: number): Promise<void> {
    return new Promise((resume) => {
      const timer = setTimeout(resume, ms);
      this.wakeRetry = () => {
        clearTimeout(timer);
        resume();
      };
    });
  }

  private setState(state: SaveState): void {
    this.saveState = state;
    for (const listener of this.listeners) listener();
  }
}

/** Yjs types its bytes loosely (any buffer), the contract as plain ArrayBuffer-backed arrays, which is what Yjs allocates. */
const onWire = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;
