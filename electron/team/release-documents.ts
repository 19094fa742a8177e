import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { failWith } from '@shared/api/result';
import { savedReleaseContentSchema, type ReleaseContent } from '@shared/release/content';
import { bodySchema } from '@shared/release/body';
import { fieldPaths, fieldValue } from '@shared/release/fields';
import {
  isSeeded,
  releaseBody,
  releaseContentOf,
  seedReleaseDoc,
  setReleaseField,
  updateChangesContent,
} from '@shared/release/release-doc';
import { log } from '../log/log';
import type { ReleaseLifecycle } from '../store/release-lifecycle';
import type { ReleaseStore, SaveOptions } from '../store/release-store';
import type { ReleaseUpdateLog } from '../store/release-updates';
import { awarenessClients } from './awareness-clients';

/** Long enough that typing writes one snapshot (and one history entry's update) per pause, not per keystroke. */
export const snapshotDelayMs = 2_000;

/** Where an update applied to a backend document came from; the sync with the team server sets its own origin. */
export const pageOrigin = Symbol('the page');
export const logOrigin = Symbol('the log on disk');

interface OpenDocument {
  releaseId: string;
  doc: Y.Doc;
  awareness: Awareness;
  /** Bumped by every change to the document and to others' presence, so a page can be told it has not seen the latest. */
  changes: number;
  /** Per page (its awareness client id), the change count it was last answered at. */
  seenByPage: Map<number, number>;
  waiters: Set<() => void>;
  /** Who typed since the last snapshot: the local person, or null when only the team's words arrived. */
  pendingEditor: { id: number } | null | undefined;
  snapshotTimer: NodeJS.Timeout | null;
}

export interface DocumentListener {
  /** A change the page made, already on disk (seq in the log): the sync sends it on. */
  localUpdate(releaseId: string, seq: number): void;
  /** A release became collaborative here (seeded): the sync registers and sends it. */
  born(releaseId: string): void;
}

/**
 * One Yjs document per collaborative release in use, loaded from its log on
 * disk (release-updates.ts) and kept while the backend runs. Pages exchange
 * updates with it (push, long-poll pull, presence); the release's JSON snapshot,
 * which everything else reads, is derived from it a moment after typing
 * pauses and at once before anything reads it for an export or a workflow step.
 */
export class ReleaseDocuments {
  private readonly open = new Map<string, OpenDocument>();
  private listener: DocumentListener | null = null;

  constructor(
    private readonly log: ReleaseUpdateLog,
    private readonly releases: ReleaseStore,
    private readonly lifecycle: ReleaseLifecycle,
  ) {}

  isCollaborative(releaseId: string): boolean {
    return this.open.has(releaseId) || this.log.isCollaborative(releaseId);
  }

  /** The team sync listens for the page's changes; one listener, set when signed in. */
  listen(listener: DocumentListener | null): void {
    this.listener = listener;
  }

  /**
   * Makes a release collaborative: its document is born here, once, from its
   * content. Seeding the same content into a second copy would merge into it
   * twice, so a release that has a log is never seeded again.
   */
  seed(releaseId: string, content: ReleaseContent): void {
    if (this.isCollaborative(releaseId)) return;
    const doc = new Y.Doc();
    seedReleaseDoc(doc, content);
    const update = Y.encodeStateAsUpdate(doc);
    // From now on the snapshot is what the document reads as, as on every other copy, so hashes agree everywhere.
    const derived = readContent(doc);
    doc.destroy();
    this.log.atomically(() => {
      this.log.append(releaseId, update, false);
      this.releases.saveDocumentSnapshot(releaseId, derived, null);
    });
    this.listener?.born(releaseId);
  }

  /** The release as the document reads now, checked as a saved release; what the team server hashes too. */
  content(releaseId: string): ReleaseContent {
    return readContent(this.document(releaseId).doc);
  }

  /** The whole document as one update, for a page opening the release. */
  state(releaseId: string): Bytes {
    return ownBytes(Y.encodeStateAsUpdate(this.seededDocument(releaseId).doc));
  }

  /**
   * The page's edit: refused, and nothing kept, when the person may not change
   * the content now (a comment mark is not content, and is let through in any
   * state); otherwise on disk before this returns, then applied here.
   */
  push(releaseId: string, update: Uint8Array, editor: { id: number }): void {
    const open = this.seededDocument(releaseId);
    requireUpdate(update);
    const refusal = this.lifecycle.editRefusal(releaseId, editor.id);
    if (refusal && updateChangesContent(open.doc, update)) failWith('refused', refusal);
    const seq = this.log.append(releaseId, update, false);
    const [author, ...more] = Y.parseUpdateMeta(update).from.keys();
    this.asSeenBy(open, more.length === 0 ? author : undefined, () => this.applyLogged(open, update, editor));
    this.listener?.localUpdate(releaseId, seq);
  }

  /**
   * Makes the document read as `content` (a revision being restored) by the
   * smallest edits, made on a copy and then logged and applied like the page's,
   * so everyone syncing the release receives them as edits.
   */
  replaceContent(releaseId: string, content: ReleaseContent, editor: { id: number }, options: SaveOptions = {}): void {
    const open = this.document(releaseId);
    const refusal = this.lifecycle.editRefusal(releaseId, editor.id);
    if (refusal) failWith('refused', refusal);
    const trial = new Y.Doc();
    Y.applyUpdate(trial, Y.encodeStateAsUpdate(open.doc));
    trial.transact(() => {
      for (const path of fieldPaths) if (path !== 'body') setReleaseField(trial, path, fieldValue(content, path));
      prosemirrorJSONToYXmlFragment(bodySchema, content.body, releaseBody(trial));
    });
    const update = Y.encodeStateAsUpdate(trial, Y.encodeStateVector(open.doc));
    trial.destroy();
    const seq = this.log.append(releaseId, update, false);
    this.applyLogged(open, update, editor);
    this.listener?.localUpdate(releaseId, seq);
    this.flush(releaseId, options);
  }

  /**
   * What the page lacks and others' presence: at once when there is something
   * it has not seen, else when something arrives, else after waitMs.
   */
  async pull(
    releaseId: string,
    stateVector: Uint8Array,
    pageAwareness: Uint8Array | null,
    waitMs: number,
  ): Promise<{ update: Bytes | null; awareness: Bytes | null }> {
    const open = this.document(releaseId);
    const pageVector = readStateVector(stateVector);
    const pageClients = pageAwareness ? this.takePresence(open, pageAwareness) : [];
    const page = pageClients[0];
    const unseen = () => lacksStructs(open.doc, pageVector) || (page !== undefined && (open.seenByPage.get(page) ?? -1) < open.changes);
    if (!unseen() && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          open.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, waitMs);
        open.waiters.add(wake);
      });
    }
    if (page !== undefined) open.seenByPage.set(page, open.changes);
    // The delete set rides along whole: deletions move no state vector, so a page cannot say which it has.
    const update = Y.encodeStateAsUpdate(open.doc, stateVector);
    // Every client the backend has heard of, those who left included: their removal goes out as a state of null at a
    // newer clock, so a page that closed the release leaves the others' screens now rather than when its caret times out.
    const others = [...open.awareness.meta.keys()].filter((client) => client !== open.awareness.clientID && !pageClients.includes(client));
    return {
      update: isEmptyUpdate(update) ? null : ownBytes(update),
      awareness: others.length > 0 ? ownBytes(encodeAwarenessUpdate(open.awareness, others)) : null,
    };
  }

  /**
   * Whether the edits the server has not acknowledged change the content, not
   * only where comments are anchored: the server takes a reviewer's anchors
   * while a release is in review, but none of anyone's words.
   */
  unacknowledgedChangesContent(releaseId: string): boolean {
    const pending = this.log.unacknowledged(releaseId);
    if (pending.length === 0) return false;
    const pendingSeqs = new Set(pending.map((row) => row.seq));
    const acknowledged = new Y.Doc();
    const acknowledgedUpdates = this.log.all(releaseId).filter((row) => !pendingSeqs.has(row.seq));
    if (acknowledgedUpdates.length > 0) Y.applyUpdate(acknowledged, Y.mergeUpdates(acknowledgedUpdates.map((row) => row.update)));
    const changes = updateChangesContent(acknowledged, Y.mergeUpdates(pending.map((row) => row.update)));
    acknowledged.destroy();
    return changes;
  }

  /** The document and presence the team sync shares with the server. */
  shared(releaseId: string): { doc: Y.Doc; awareness: Awareness } {
    const { doc, awareness } = this.document(releaseId);
    return { doc, awareness };
  }

  /**
   * Writes the snapshot now if anything changed since the last one, as before
   * an export or a workflow step. A document this version cannot read keeps
   * the last snapshot it could (and its change pending, written once the
   * document reads again); unreadable() says so, and what uses the words
   * refuses with its reason.
   */
  flush(releaseId: string, options: SaveOptions = {}): void {
    const open = this.open.get(releaseId);
    if (!open || open.pendingEditor === undefined) return;
    if (open.snapshotTimer) clearTimeout(open.snapshotTimer);
    open.snapshotTimer = null;
    const { content } = parseContent(open.doc);
    if (!content) return;
    this.releases.saveDocumentSnapshot(releaseId, content, open.pendingEditor?.id ?? null, options);
    open.pendingEditor = undefined;
  }

  /** Why the document cannot be read as a release by this version, or null when it can (its snapshot is then the document). */
  unreadable(releaseId: string): string | null {
    return parseContent(this.document(releaseId).doc).unreadable;
  }

  /**
   * The edits the server never took leave this release: the log keeps only
   * what the server has, and the document is read again from it. The caller
   * has kept them elsewhere first (keepAsCopy), so nothing is lost.
   */
  discardUnacknowledged(releaseId: string): void {
    const open = this.open.get(releaseId);
    this.log.discardUnacknowledged(releaseId);
    if (!open) return;
    if (open.snapshotTimer) clearTimeout(open.snapshotTimer);
    this.open.delete(releaseId);
    for (const wake of [...open.waiters]) wake();
    open.awareness.destroy();
    open.doc.destroy();
    const reloaded = this.document(releaseId);
    reloaded.pendingEditor = null;
    this.flush(releaseId);
  }

  /** Every pending snapshot written, documents and presence let go: the database is about to close. */
  close(): void {
    for (const [releaseId, open] of this.open) {
      try {
        this.flush(releaseId);
      } catch (error) {
        log.warn(
          `The snapshot of release ${releaseId} could not be written as Dateline closed (its log keeps every word): ${(error as Error).message}`,
        );
      }
      for (const wake of [...open.waiters]) wake();
      open.awareness.destroy();
      open.doc.destroy();
    }
    this.open.clear();
  }

  /**
   * A release another person started has no words here until its document
   * arrives from the server. Typing into it before then would make fields of
   * its own that compete with the real ones, and one side's words would be
   * lost in the merge, so it opens only once it holds the release.
   */
  private seededDocument(releaseId: string): OpenDocument {
    const open = this.document(releaseId);
    if (!isSeeded(open.doc))
      failWith('unavailable', 'This release’s words have not arrived from the team server yet; it opens as soon as they do.');
    return open;
  }

  private document(releaseId: string): OpenDocument {
    const loaded = this.open.get(releaseId);
    if (loaded) return loaded;
    const updates = this.log.all(releaseId);
    if (updates.length === 0) failWith('refused', 'This release is not shared with a team, so it has no document to open.');
    const doc = new Y.Doc({ gc: true });
    Y.applyUpdate(doc, Y.mergeUpdates(updates.map((row) => row.update)), logOrigin);
    const awareness = new Awareness(doc);
    // The backend is nobody's caret: only pages and other people have presence.
    awareness.setLocalState(null);
    const open: OpenDocument = {
      releaseId,
      doc,
      awareness,
      changes: 0,
      seenByPage: new Map(),
      waiters: new Set(),
      pendingEditor: undefined,
      snapshotTimer: null,
    };
    const changed = () => {
      open.changes++;
      for (const wake of [...open.waiters]) wake();
    };
    doc.on('update', changed);
    // Anything else that changes the document is the team server's word (the sync's provider applies it): logged as
    // acknowledged, since the server has it, so a restart offline still has it.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === pageOrigin || origin === logOrigin) return;
      this.log.append(releaseId, update, true);
      this.scheduleSnapshot(open, null);
    });
    awareness.on('change', changed);
    this.open.set(releaseId, open);
    return open;
  }

  private applyLogged(open: OpenDocument, update: Uint8Array, editor: { id: number }): void {
    Y.applyUpdate(open.doc, update, pageOrigin);
    this.scheduleSnapshot(open, editor);
  }

  private scheduleSnapshot(open: OpenDocument, editor: { id: number } | null): void {
    // A local edit since the last snapshot makes it the local person's; the team's words alone keep the last editor.
    open.pendingEditor = editor ?? open.pendingEditor ?? null;
    const { releaseId } = open;
    if (open.snapshotTimer) clearTimeout(open.snapshotTimer);
    open.snapshotTimer = setTimeout(() => {
      open.snapshotTimer = null;
      try {
        this.flush(releaseId);
      } catch (error) {
        log.warn(`The snapshot of release ${releaseId} was not written (its log keeps every word): ${(error as Error).message}`);
      }
    }, snapshotDelayMs);
    open.snapshotTimer.unref();
  }

  /** Applies the page's presence and returns the client ids it speaks for. */
  private takePresence(open: OpenDocument, update: Uint8Array): number[] {
    const clients = awarenessClients(update) ?? failWith('invalid-input', 'The presence sent is not an awareness update.');
    this.asSeenBy(open, clients[0], () => applyAwarenessUpdate(open.awareness, update, pageOrigin));
    return clients;
  }

  /** A page's own change is news to every other page, not to itself: one that had seen everything before it still has. */
  private asSeenBy(open: OpenDocument, page: number | undefined, change: () => void): void {
    const wasCurrent = page !== undefined && open.seenByPage.get(page) === open.changes;
    change();
    if (wasCurrent) open.seenByPage.set(page, open.changes);
  }
}

/** The release as the document reads, or why this version cannot read it (content a newer Dateline wrote, or damage). */
function parseContent(doc: Y.Doc): { content: ReleaseContent; unreadable: null } | { content: null; unreadable: string } {
  const parsed = savedReleaseContentSchema.safeParse(releaseContentOf(doc));
  if (parsed.success) return { content: parsed.data, unreadable: null };
  const issue = parsed.error.issues[0];
  return {
    content: null,
    unreadable: `This release holds content this version of Dateline cannot read (${issue?.path.join('.') || 'content'}: ${issue?.message ?? 'not valid'}), most likely written with a newer Dateline. Nothing in it has been changed; update Dateline to export, copy, print, duplicate or take it through review.`,
  };
}

function readContent(doc: Y.Doc): ReleaseContent {
  const { content, unreadable } = parseContent(doc);
  return content ?? failWith('refused', unreadable!);
}

type Bytes = Uint8Array<ArrayBuffer>;
/** Yjs and y-protocols encode into plain ArrayBuffers of their own, never shared memory; the contract's type says so. */
const ownBytes = (bytes: Uint8Array) => bytes as Bytes;

function requireUpdate(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update);
  } catch {
    failWith('invalid-input', 'The change sent is not a Yjs update, so nothing was saved.');
  }
}

function readStateVector(stateVector: Uint8Array): Map<number, number> {
  try {
    return Y.decodeStateVector(stateVector);
  } catch {
    return failWith('invalid-input', 'The state vector sent does not read as one.');
  }
}

const lacksStructs = (doc: Y.Doc, pageVector: Map<number, number>) => {
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) if ((pageVector.get(client) ?? 0) < clock) return true;
  return false;
};

/** An update with no structs and an empty delete set: the two zero counts Yjs writes for "nothing". */
const isEmptyUpdate = (update: Uint8Array) => update.length === 2 && update[0] === 0 && update[1] === 0;
