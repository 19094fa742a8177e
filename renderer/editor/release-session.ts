import type { SyncStatus } from '@shared/api/collaboration';
import type { Comment } from '@shared/api/comments';
import type { ApiClient } from '@shared/api/contract';
import type { Release } from '@shared/api/releases';
import { fail, type Result } from '@shared/api/result';
import type { BodyDoc } from '@shared/release/body';
import { emptyReleaseContent, type ReleaseContent } from '@shared/release/content';
import { fieldPaths, fieldValue, type FieldPath } from '@shared/release/fields';
import { bodyLengthProblem } from '@shared/release/limits';
import { observeReleaseFields, releaseFieldsOf, setReleaseField } from '@shared/release/release-doc';
import { editPermission, releaseFacts, type ActionDetails, type EditPermission, type PersonAction } from '@shared/review/workflow';
import { Autosaver, type ReleaseSaver, type SaveState } from './autosave';
import { ReleaseSync } from './release-sync';

export type DraftFields = Omit<ReleaseContent, 'body'>;

/** Where the body's words live: the TipTap editor once it is ready, which keeps its own undo history. */
export interface BodySource {
  read(): BodyDoc;
  /** Puts other content in place (a restore, the other person's version); one undoable step, never a new editor. */
  replace(body: BodyDoc): void;
  /** Where the caret is while the body has focus; null when it does not. */
  selection(): BodySelection | null;
  /** Gives the body focus with this selection. */
  focus(selection: BodySelection): void;
}

export interface BodySelection {
  from: number;
  to: number;
}

/** What a solo session hands to the collaborative one that takes its new release over. */
export interface HandOver {
  typed: ReleaseContent;
  /** Where the person was typing in the body, so they go on there; null when the body did not have focus. */
  bodySelection: BodySelection | null;
}

export type CommentsState = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; list: Comment[] };

export interface SessionState {
  /** The release as last stored; null for a new release until its first words are saved, so nothing empty is ever created. */
  release: Release | null;
  fields: DraftFields;
  save: SaveState;
  comments: CommentsState;
  /** An approved release stays read-only until the person chooses to edit it: a stray keystroke must not cancel an approval. */
  editingApproved: boolean;
  /** A collaborative release: the backend's link to the team server, as last asked; null until asked, and for a solo release. */
  sync: SyncStatus | null;
  /**
   * Why the body cannot be edited here although the release can: it holds
   * content this version of Dateline cannot show (written by a newer one).
   * The body stays read-only, so nothing it does not understand is deleted.
   */
  bodyProblem: string | null;
}

/** Why leaving now would lose words, in the person's terms; null when everything is saved. */
export type UnsavedWork = { kind: 'conflict' | 'failed'; message: string } | null;

export interface SessionOptions {
  client: ApiClient;
  person: { id: number };
  /** Shows a failure to the person; every call the session makes reports its own. */
  report: (message: string) => void;
  /** The release's document from openReleaseDoc when it is collaborative (edited together through the team server); solo otherwise. */
  collaboration?: {
    update: Uint8Array;
    personName: string;
    /** A new release handed over from its solo session: what was typed there, written into the document where it differs. */
    carryOver?: HandOver;
  };
  /**
   * A new release was made the team's by its first save (signed in to a team
   * server): from now on it is edited in its document, by a collaborative
   * session the view opens with this update and what was typed here.
   */
  onJoinedTeam?: (release: Release, update: Uint8Array, handOver: HandOver) => void;
  /** A new release got its id with its first save. */
  onCreated?: (release: Release) => void;
  /** The state changed on the store's side (a workflow action, a restore): lists and counts elsewhere may be stale. */
  onWorkflowChange?: () => void;
}

/**
 * One release being edited: its draft fields, its saving, its comments and the
 * workflow actions on it. It lives outside React (components read it through
 * useSession selectors), so a workflow action or a restore updates it in place:
 * the editor is never rebuilt and its undo history survives.
 */
export class ReleaseSession {
  /** What keeps the words: the sync for a collaborative release, else the autosaver. */
  readonly saver: ReleaseSaver;
  /** The release's shared document, its presence and the pushes and pulls; null for a solo release. */
  readonly sync: ReleaseSync | null;
  private readonly autosaver: Autosaver;
  /** What the body editor starts from; later content reaches it through BodySource.replace. */
  readonly initialBody: BodyDoc;
  private state: SessionState;
  private body: BodySource | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly stopWatching: (() => void)[] = [];
  /** What a solo session handed over still has to put in the body, once the collaborative editor is there. */
  private carried: { body: BodyDoc; selection: BodySelection | null } | null = null;
  /** Set once this solo session handed its release to a collaborative one: it takes no more words. */
  private handedOver = false;
  /** One refresh of the release's state at a time, however often the sync says something arrived. */
  private refreshing: Promise<void> | null = null;
  /** The id a release not yet stored is created under: a retried first save then finds the release its lost answer made. */
  private readonly newReleaseId = crypto.randomUUID();

  constructor(
    release: Release | null,
    private readonly options: SessionOptions,
  ) {
    const { body: _body, ...fields } = release?.content ?? emptyReleaseContent();
    this.state = {
      release,
      fields,
      save: { kind: 'saved', at: null },
      comments: release ? { phase: 'loading' } : { phase: 'ready', list: [] },
      editingApproved: false,
      sync: null,
      bodyProblem: null,
    };
    this.initialBody = release?.content.body ?? emptyReleaseContent().body;
    this.autosaver = new Autosaver({
      version: release?.version ?? 0,
      read: () => this.snapshot(),
      save: (content, baseVersion) => this.write(content, baseVersion),
    });
    const { collaboration } = options;
    this.sync =
      release && collaboration
        ? new ReleaseSync({
            client: options.client,
            releaseId: release.id,
            update: collaboration.update,
            person: { name: collaboration.personName },
            onPulled: () => void this.refreshState(),
            onSyncStatus: (sync) => this.set({ sync }),
          })
        : null;
    this.saver = this.sync ?? this.autosaver;
    this.stopWatching.push(this.saver.subscribe(() => this.set({ save: this.saver.getState() })));
    const { sync } = this;
    if (sync) {
      // The document is the release now: its fields, not the stored copy's, are what the controls show.
      this.stopWatching.push(observeReleaseFields(sync.doc, () => this.set({ fields: releaseFieldsOf(sync.doc) })));
      const carried = collaboration?.carryOver;
      if (carried) {
        const { body, ...fields } = carried.typed;
        this.writeFields(sync, fields, releaseFieldsOf(sync.doc));
        this.carried = { body, selection: carried.bodySelection };
      }
      this.state.fields = releaseFieldsOf(sync.doc);
    }
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** May this person change the text now, and if not, why (the workflow authority decides). */
  permission(): EditPermission {
    const { release } = this.state;
    return release ? editPermission(releaseFacts(release), this.options.person) : { allowed: true, lapsesApproval: false };
  }

  get editable(): boolean {
    const permission = this.permission();
    return !this.handedOver && permission.allowed && (!permission.lapsesApproval || this.state.editingApproved);
  }

  /** The view is on screen: a collaborative release starts exchanging edits and presence. */
  start(): void {
    this.sync?.start();
  }

  /** The body holds content this version cannot show; it stays read-only and untouched. */
  bodyUnreadable(problem: string): void {
    this.set({ bodyProblem: problem });
  }

  attachBody(body: BodySource | null): void {
    this.body = body;
    // Words typed before a new release became the team's: the editor writes them into the document as this person's edit,
    // and the person goes on typing where they were.
    if (body && this.carried) {
      const { body: typed, selection } = this.carried;
      this.carried = null;
      if (JSON.stringify(body.read()) !== JSON.stringify(typed)) body.replace(typed);
      if (selection) body.focus(selection);
    }
  }

  /** The release as it stands here now, saved or not. */
  snapshot(): ReleaseContent {
    return { ...this.state.fields, body: this.body?.read() ?? this.initialBody };
  }

  updateFields(patch: Partial<DraftFields>): void {
    if (!this.editable) return;
    const fields = { ...this.state.fields, ...patch };
    const { sync } = this;
    if (!sync) {
      this.set({ fields });
      this.autosaver.markDirty();
      return;
    }
    this.writeFields(sync, fields, this.state.fields);
  }

  bodyChanged(): void {
    // A collaborative body writes itself into the document, which the sync pushes.
    if (!this.sync) this.autosaver.markDirty();
  }

  editApproved(): void {
    this.set({ editingApproved: true });
  }

  flush = (): Promise<void> => this.saver.flush();

  /** After a flush: what would be lost by leaving now. */
  unsavedWork(): UnsavedWork {
    const { save } = this.state;
    if (!this.saver.hasUnsavedChanges) return null;
    return save.kind === 'conflict' || save.kind === 'failed'
      ? { kind: save.kind, message: save.message }
      : { kind: 'failed', message: 'The latest changes are still being saved.' };
  }

  /** Saves everything first, then runs a workflow action; the release is updated in place. */
  async transition(action: PersonAction, details: ActionDetails = {}): Promise<boolean> {
    const release = await this.savedRelease('Your latest changes are not saved yet. Save them (or resolve the conflict) first.');
    if (!release) return false;
    if (this.sync) {
      // The version moves with every edit that reaches the backend, from here or elsewhere: act on the one it holds now.
      const current = await this.options.client.getRelease({ id: release.id });
      if (!this.succeeded(current)) return false;
      const answer = await this.options.client.transitionRelease({
        id: release.id,
        action,
        baseVersion: current.value.version,
        ...details,
      });
      if (!this.succeeded(answer)) return false;
      this.set({ release: answer.value, editingApproved: false });
      if (action === 'request-changes') void this.loadComments();
      this.options.onWorkflowChange?.();
      return true;
    }
    // Words typed while the action is out are kept and saved on top of its version, never set aside unsaved.
    const changesSeen = this.autosaver.changeCount;
    const result = await this.autosaver.exclusive(async () => {
      const answer = await this.options.client.transitionRelease({
        id: release.id,
        action,
        baseVersion: this.autosaver.currentVersion,
        ...details,
      });
      if (answer.ok) this.adopt(answer.value, { changesSeen });
      return answer;
    });
    if (!this.succeeded(result)) return false;
    // A change request is also a comment in the discussion.
    if (action === 'request-changes') void this.loadComments();
    this.options.onWorkflowChange?.();
    return true;
  }

  async restoreRevision(revisionId: number): Promise<boolean> {
    const release = await this.savedRelease('Your latest changes are not saved, so nothing was restored over them. Save them first.');
    if (!release) return false;
    if (this.sync) {
      // The backend writes the restored version into the document; it reaches this page, and everyone's, by the next pull.
      const current = await this.options.client.getRelease({ id: release.id });
      if (!this.succeeded(current)) return false;
      const answer = await this.options.client.restoreRevision({ releaseId: release.id, revisionId, baseVersion: current.value.version });
      if (!this.succeeded(answer)) return false;
      this.set({ release: answer.value, editingApproved: false });
      this.options.onWorkflowChange?.();
      return true;
    }
    const result = await this.autosaver.exclusive(async () => {
      const answer = await this.options.client.restoreRevision({
        releaseId: release.id,
        revisionId,
        baseVersion: this.autosaver.currentVersion,
      });
      if (answer.ok) this.adopt(answer.value, { replaceContent: true });
      return answer;
    });
    if (!this.succeeded(result)) return false;
    this.options.onWorkflowChange?.();
    return true;
  }

  /** After a conflict: set this person's unsaved words aside for the version someone else saved. */
  async loadLatest(): Promise<void> {
    const release = this.state.release;
    if (!release) return;
    const result = await this.options.client.getRelease({ id: release.id });
    if (this.succeeded(result)) this.adopt(result.value, { replaceContent: true });
  }

  /** Picks up what changed on the store's side without touching the text here (an export may have released it). */
  async refresh(): Promise<void> {
    const release = this.state.release;
    if (!release) return;
    const result = await this.options.client.getRelease({ id: release.id });
    if (!this.succeeded(result)) return;
    if (this.sync) this.set({ release: result.value });
    else if (this.autosaver.hasUnsavedChanges) this.set({ release: { ...result.value, version: this.autosaver.currentVersion } });
    else this.adopt(result.value);
    this.options.onWorkflowChange?.();
  }

  /** This person's words as a new release, whatever happened to the original: nothing typed is lost. */
  async saveAsCopy(): Promise<Release | null> {
    const result = await this.options.client.createRelease({ content: this.snapshot() });
    if (!this.succeeded(result)) return null;
    // The words are kept in the copy, so leaving this release no longer loses them; this one stays as it was stored.
    if (!this.sync) this.autosaver.rebase(this.autosaver.currentVersion, result.value.createdAt);
    return result.value;
  }

  async duplicate(): Promise<Release | null> {
    const release = await this.savedRelease('Your latest changes are not saved yet, so the copy would miss them. Save them first.');
    if (!release) return null;
    const result = await this.options.client.duplicateRelease({ id: release.id });
    return this.succeeded(result) ? result.value : null;
  }

  async moveToTrash(): Promise<boolean> {
    await this.flush();
    const release = this.state.release;
    // Nothing was ever saved: there is nothing to put in the trash.
    if (!release) return true;
    return this.succeeded(await this.options.client.trashRelease({ id: release.id }));
  }

  async loadComments(): Promise<void> {
    const release = this.state.release;
    if (!release) return;
    const result = await this.options.client.listComments({ releaseId: release.id });
    this.set({ comments: result.ok ? { phase: 'ready', list: result.value } : { phase: 'failed', message: result.error.message } });
  }

  /** The id is chosen here so the editor can anchor the comment in the text once it exists. */
  async addComment(input: { id: string; text: string; inline: boolean; quote: string }): Promise<boolean> {
    const release = await this.savedRelease('The release is not saved yet, so a comment has nothing to belong to.');
    if (!release) return false;
    const added = this.succeeded(await this.options.client.addComment({ releaseId: release.id, ...input }));
    if (added) void this.loadComments();
    return added;
  }

  async changeComment(
    change:
      { kind: 'edit'; id: string; text: string } | { kind: 'delete'; id: string } | { kind: 'resolve'; id: string; resolved: boolean },
  ): Promise<boolean> {
    const { client } = this.options;
    const result =
      change.kind === 'edit'
        ? await client.editComment({ id: change.id, text: change.text })
        : change.kind === 'delete'
          ? await client.deleteComment({ id: change.id })
          : await client.resolveComment({ id: change.id, resolved: change.resolved });
    void this.loadComments();
    return this.succeeded(result);
  }

  /**
   * Stops pulling at once (React StrictMode mounts a view twice, and only the
   * last mount's start() may leave a loop running), then writes what is left
   * and stops the timer; a view that leaves calls this once.
   */
  async close(): Promise<void> {
    this.sync?.stop();
    await this.flush();
    this.autosaver.dispose();
  }

  /** Stops listening to the saver; for tests and for a session that will never be shown again. */
  dispose(): void {
    this.stopWatching.forEach((stop) => stop());
    this.autosaver.dispose();
    this.sync?.dispose();
  }

  private async write(content: ReleaseContent, baseVersion: number) {
    // Said before sending: the store would refuse it with the same words, after the body crossed to it.
    const tooLong = bodyLengthProblem(content.body);
    if (tooLong) return fail({ kind: 'invalid-input', message: tooLong, field: 'body' });
    const { client } = this.options;
    const release = this.state.release;
    // Everything typed here went to the collaborative session with the hand-over, including what this save was for.
    if (release && this.handedOver) return { ok: true as const, value: release };
    if (!release) {
      const created = await client.createRelease({ id: this.newReleaseId, content });
      if (!created.ok) return created;
      this.set({ release: created.value, comments: { phase: 'ready', list: [] } });
      this.options.onCreated?.(created.value);
      await this.joinTeamIfShared(created.value);
      return { ok: true as const, value: created.value };
    }
    const saved = await client.saveRelease({ id: release.id, baseVersion, content });
    if (saved.ok) {
      const current = this.state.release!;
      const workflowChanged = saved.value.status !== current.status;
      this.set({ release: { ...current, ...saved.value } });
      if (workflowChanged) this.options.onWorkflowChange?.();
    }
    return saved;
  }

  /**
   * Made while signed in to a team, a new release is collaborative from its
   * first save: its later words go into its document, never as whole saves
   * (the backend refuses those). If asking fails, the next save says so.
   */
  private async joinTeamIfShared(created: Release): Promise<void> {
    const { onJoinedTeam } = this.options;
    if (!onJoinedTeam) return;
    const opened = await this.options.client.openReleaseDoc({ id: created.id });
    if (!opened.ok || !opened.value.collaborative) return;
    const handOver = { typed: this.snapshot(), bodySelection: this.body?.selection() ?? null };
    this.handedOver = true;
    // The view swaps editors at once (no keystroke can fall between this snapshot and the new editor taking focus).
    onJoinedTeam(created, opened.value.update, handOver);
  }

  /** Flushes; the stored release when nothing is left unsaved, else null with the reason shown. */
  private async savedRelease(unsavedMessage: string): Promise<Release | null> {
    await this.flush();
    if (this.saver.hasUnsavedChanges || !this.state.release) {
      this.options.report(this.state.release ? unsavedMessage : 'Nothing is written yet: type something first.');
      return null;
    }
    return this.state.release;
  }

  /** Only the fields that changed are written, each as its smallest edit, so another person's edit elsewhere survives. */
  private writeFields(sync: ReleaseSync, fields: DraftFields, current: DraftFields): void {
    const changed = editablePaths.filter((path) => !sameValue(fieldValue(fields, path), fieldValue(current, path)));
    if (changed.length > 0) sync.doc.transact(() => changed.forEach((path) => setReleaseField(sync.doc, path, fieldValue(fields, path))));
  }

  /** After a pull: the release's state (a review action taken elsewhere) may have changed; the text is the document's. */
  private refreshState(): Promise<void> {
    const release = this.state.release;
    if (!release || this.refreshing) return this.refreshing ?? Promise.resolve();
    this.refreshing = (async () => {
      const result = await this.options.client.getRelease({ id: release.id });
      if (
        result.ok &&
        (result.value.status !== this.state.release?.status ||
          result.value.approval?.approvedAt !== this.state.release.approval?.approvedAt)
      ) {
        this.set({ release: result.value });
        this.options.onWorkflowChange?.();
      }
    })().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private adopt(release: Release, { replaceContent = false, changesSeen }: { replaceContent?: boolean; changesSeen?: number } = {}): void {
    const { body, ...fields } = release.content;
    this.autosaver.rebase(release.version, release.updatedAt, changesSeen);
    if (replaceContent) this.body?.replace(body);
    this.set({ release, ...(replaceContent ? { fields } : {}), editingApproved: false });
  }

  private succeeded<T>(result: Result<T>): result is { ok: true; value: T } {
    if (!result.ok) this.options.report(result.error.message);
    return result.ok;
  }

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

const editablePaths = fieldPaths.filter((path): path is Exclude<FieldPath, 'body'> => path !== 'body');

const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
