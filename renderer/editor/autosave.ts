import type { Result } from '@shared/api/result';
import type { ReleaseStatus } from '@shared/review/workflow';
import type { ReleaseContent } from '@shared/release/content';

export interface SaveResult {
  version: number;
  updatedAt: string;
  status: ReleaseStatus;
}

export type SaveState =
  | { kind: 'saved'; at: string | null }
  | { kind: 'saving' }
  /** `retrying`: the failure may pass (a busy or full disk, a host restarting), so the autosaver tries again by itself. */
  | { kind: 'failed'; message: string; retrying: boolean }
  | { kind: 'conflict'; message: string };

/** Waits before each automatic retry; the first ones go unannounced, the last repeats. */
const retryDelaysMs = [250, 1_000, 2_000, 5_000, 10_000, 30_000];
const quietRetries = 2;

/** What keeps an open release's words: the autosaver for a solo release, the sync for a collaborative one. */
export interface ReleaseSaver {
  getState(): SaveState;
  subscribe(listener: () => void): () => void;
  /** Resolves when everything changed before the call is kept, or keeping it failed. */
  flush(): Promise<void>;
  readonly hasUnsavedChanges: boolean;
}

export interface AutosaverOptions {
  version: number;
  /** The whole release as it stands; read only when a save starts, never per keystroke. */
  read: () => ReleaseContent;
  save: (content: ReleaseContent, baseVersion: number) => Promise<Result<SaveResult>>;
  /** Told of every save that landed, e.g. to show that an approved release is a draft again. */
  onSaved?: (result: SaveResult) => void;
  /** Save this long after the last change… */
  idleMs?: number;
  /** …but never leave a change unsaved longer than this while typing goes on… */
  maxWaitMs?: number;
  /**
   * …unless the last save took the page's main thread t ms to read and serialise
   * the release: the next one then waits at least this many times t after it, so
   * saving a huge body never takes more than about 1/costFactor of the thread
   * that typing needs. A few-thousand-word release serialises in a millisecond
   * or two, so its saves keep to idleMs and maxWaitMs.
   */
  costFactor?: number;
  /** A monotonic clock in ms, to time that work. */
  now?: () => number;
}

/**
 * Writes a release shortly after each change, one save at a time, each based on
 * the version the previous one produced. A conflict stops it: newer work
 * elsewhere is never overwritten, and what was typed here stays in the editor.
 */
export class Autosaver implements ReleaseSaver {
  private state: SaveState = { kind: 'saved', at: null };
  private readonly listeners = new Set<() => void>();
  private version: number;
  private dirty = false;
  private dirtySince = 0;
  /** How many changes were ever marked: a caller can tell whether anything was typed while its call was out. */
  private changes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  /** Failed saves in a row that may pass; reset by any save that lands. */
  private passingFailuresInARow = 0;
  private readonly idleMs: number;
  private readonly maxWaitMs: number;
  private readonly costFactor: number;
  private readonly now: () => number;
  /** When the last save's reading and serialising ended, and how long it took (by `now`). */
  private lastSerialisedAt = 0;
  private lastSerialiseMs = 0;

  constructor(private readonly options: AutosaverOptions) {
    this.version = options.version;
    this.idleMs = options.idleMs ?? 300;
    this.maxWaitMs = options.maxWaitMs ?? 600;
    this.costFactor = options.costFactor ?? 40;
    this.now = options.now ?? (() => performance.now());
  }

  getState = (): SaveState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The version the next save will be based on: the latest this editor saved. */
  get currentVersion(): number {
    return this.version;
  }

  /** The release as it stands in the editor now, saved or not. */
  snapshot(): ReleaseContent {
    return this.options.read();
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty || this.state.kind === 'saving';
  }

  /** Pass to rebase: the changes up to now are the ones the other call saw. */
  get changeCount(): number {
    return this.changes;
  }

  markDirty(): void {
    this.changes++;
    if (!this.dirty) this.dirtySince = Date.now();
    this.dirty = true;
    if (this.state.kind === 'conflict') return;
    if (this.state.kind !== 'saving') this.setState({ kind: 'saving' });
    clearTimeout(this.timer);
    const untilMaxWait = this.dirtySince + this.maxWaitMs - Date.now();
    const untilAffordable = this.lastSerialisedAt + this.costFactor * this.lastSerialiseMs - this.now();
    this.timer = setTimeout(() => void this.flush(), Math.max(0, Math.min(this.idleMs, untilMaxWait), untilAffordable));
  }

  /** Saves now; resolves when everything changed before the call is saved, or the save failed. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    while (this.running) await this.running;
    if (!this.dirty || this.state.kind === 'conflict') return;
    this.running = this.saveOnce().finally(() => (this.running = null));
    await this.running;
  }

  /**
   * Another call by this person produced a version (a workflow action, a
   * restore, loading the latest after a conflict); the next save builds on it.
   * Changes made before `changesSeen` are in that version (or replaced by it);
   * anything typed while the call was out is kept and saved on top of it.
   */
  rebase(version: number, savedAt: string, changesSeen = this.changes): void {
    clearTimeout(this.timer);
    this.version = version;
    if (this.changes === changesSeen) {
      this.dirty = false;
      this.setState({ kind: 'saved', at: savedAt });
      return;
    }
    this.dirty = true;
    this.setState({ kind: 'saving' });
    this.timer = setTimeout(() => void this.flush(), 0);
  }

  /**
   * Runs another call that writes this release (a workflow action, a restore)
   * with no save going out meanwhile: a save due during it waits, then builds
   * on the version the call produced (the task rebases before it ends).
   */
  async exclusive<T>(task: () => Promise<T>): Promise<T> {
    while (this.running) await this.running;
    const run = task();
    this.running = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await run;
    } finally {
      this.running = null;
    }
  }

  /** Stops the pending timer; listeners leave by their own unsubscribe, so a remounted view keeps hearing. */
  dispose(): void {
    clearTimeout(this.timer);
  }

  private async saveOnce(): Promise<void> {
    this.dirty = false;
    this.setState({ kind: 'saving' });
    const started = this.now();
    // Reading the release and the synchronous start of save (serialising the request) are what a save costs the main thread.
    const saving = this.options.save(this.options.read(), this.version);
    this.lastSerialisedAt = this.now();
    this.lastSerialiseMs = this.lastSerialisedAt - started;
    const result = await saving;
    if (result.ok) {
      this.passingFailuresInARow = 0;
      this.version = result.value.version;
      this.options.onSaved?.(result.value);
      if (this.dirty) this.markDirty();
      else this.setState({ kind: 'saved', at: result.value.updatedAt });
      return;
    }
    this.dirty = true;
    if (result.error.kind === 'conflict') return this.setState({ kind: 'conflict', message: result.error.message });
    // A refusal (invalid, not allowed, not found) or a damaged file would fail the same way again.
    if (!result.error.passing) {
      this.passingFailuresInARow = 0;
      return this.setState({ kind: 'failed', message: result.error.message, retrying: false });
    }
    const attempt = this.passingFailuresInARow++;
    // A moment's contention is not news: the first retries keep saying Saving….
    if (attempt >= quietRetries) this.setState({ kind: 'failed', message: result.error.message, retrying: true });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), retryDelaysMs[Math.min(attempt, retryDelaysMs.length - 1)]);
  }

  private setState(state: SaveState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
