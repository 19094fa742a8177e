import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Release } from '@shared/api/releases';
import type { ApiError } from '@shared/api/result';
import type { BodyDoc } from '@shared/release/body';
import { formatDateline } from '@shared/release/dateline';
import { api, desktop } from '../api';
import { registerCommand } from '../commands';
import { useAction } from '../data';
import { ExportDialog } from '../export/ExportDialog';
import { formatWhen } from '../format';
import { Modal } from '../Modal';
import { useNotices } from '../notices';
import { usePerson } from '../person';
import { guardLeaving, navigate, newReleaseId, replaceRoute } from '../route';
import { StatusBadge } from '../releases/StatusBadge';
import { BodyEditor, type SelectionForComment } from './BodyEditor';
import { ReleaseTextField } from './fields';
import { LeadPhoto } from './LeadPhoto';
import { openAutosavers } from './open-autosavers';
import { ReleaseSession, type DraftFields, type SessionOptions, type UnsavedWork } from './release-session';
import { ReleaseLineFields } from './ReleaseLineFields';
import { useResolvedAnchorStyle } from './resolved-anchors';
import { ReleasePanel, type PanelTab } from './ReleasePanel';
import { ReviewActions } from './ReviewActions';
import { SaveStatus, TeamSyncStatus } from './SaveStatus';
import { SessionContext, useReleaseSession, useSession } from './session-context';

/** doc: the release's shared document when it is collaborative (edited together through the team server). */
type LoadState =
  { phase: 'loading' } | { phase: 'failed'; error: ApiError } | { phase: 'ready'; release: Release | null; doc: Uint8Array | null };

interface ReleaseEditorProps {
  /** A release id, or newReleaseId for one that is created with its first words. */
  id: string;
  onWorkflowChange: () => void;
  onCreated: (id: string) => void;
}

export function ReleaseEditor({ id: routeId, onWorkflowChange, onCreated }: ReleaseEditorProps) {
  // The address changes under a new release when its first save gives it an id; it is the same release, so nothing reloads.
  const [id] = useState(routeId);
  const [state, setState] = useState<LoadState>(() =>
    id === newReleaseId ? { phase: 'ready', release: null, doc: null } : { phase: 'loading' },
  );
  const load = useCallback(async () => {
    setState({ phase: 'loading' });
    const [result, opened] = await Promise.all([api.getRelease({ id }), api.openReleaseDoc({ id })]);
    if (!result.ok) return setState({ phase: 'failed', error: result.error });
    // A collaborative release opened without its document would be saved whole over everyone's edits: it waits for a retry instead.
    if (!opened.ok) return setState({ phase: 'failed', error: opened.error });
    setState({ phase: 'ready', release: result.value, doc: opened.value.collaborative ? opened.value.update : null });
  }, [id]);
  useEffect(() => {
    if (id !== newReleaseId) void load();
  }, [id, load]);

  if (state.phase === 'loading') return <div className="editor-loading" aria-busy="true" />;
  if (state.phase === 'failed') return <ReleaseNotOpened id={id} error={state.error} onRetry={load} />;
  if (state.release?.trashedAt) return <TrashedRelease release={state.release} onRestored={load} />;
  return <OpenRelease release={state.release} doc={state.doc} onWorkflowChange={onWorkflowChange} onCreated={onCreated} />;
}

/** Why a release did not open; a damaged one offers its last readable version back. */
function ReleaseNotOpened({ id, error, onRetry }: { id: string; error: ApiError; onRetry: () => Promise<void> }) {
  const restore = useAction('restoreRevision');
  const lastReadable = error.lastReadableRevision;
  async function restoreLastReadable() {
    if (!lastReadable || error.currentVersion === undefined) return;
    const result = await restore.run({ releaseId: id, revisionId: lastReadable.id, baseVersion: error.currentVersion });
    if (result.ok) await onRetry();
  }
  return (
    <div className="empty" role="alert">
      <p>{error.message}</p>
      {lastReadable && (
        <p>
          <button type="button" className="primary" disabled={restore.pending} onClick={() => void restoreLastReadable()}>
            Restore the version saved {formatWhen(lastReadable.recordedAt)} by {lastReadable.actorName}
          </button>
        </p>
      )}
      <button type="button" onClick={() => void onRetry()}>
        Try again
      </button>{' '}
      <a href="#/releases">Back to releases</a>
    </div>
  );
}

/** Owns the session for as long as the release is on screen: saving, leaving, and the native menu's commands. */
function OpenRelease({
  release,
  doc,
  onWorkflowChange,
  onCreated,
}: { release: Release | null; doc: Uint8Array | null } & Omit<ReleaseEditorProps, 'id'>) {
  const person = usePerson();
  const { showError } = useNotices();
  const callbacks = useRef({ onWorkflowChange, onCreated });
  const shown = useRef(true);
  callbacks.current = { onWorkflowChange, onCreated };
  const openSession = (opening: Release | null, collaboration?: SessionOptions['collaboration']): ReleaseSession =>
    new ReleaseSession(opening, {
      client: api,
      person,
      collaboration,
      report: showError,
      onWorkflowChange: () => callbacks.current.onWorkflowChange(),
      onCreated: (created) => {
        callbacks.current.onCreated(created.id);
        // A first save that lands after the view has gone (its last words, written on leaving) has no address to rename.
        if (shown.current) replaceRoute({ view: 'release', id: created.id });
      },
      // Signed in to a team, a new release is shared from its first save: it goes on in a collaborative editor, with what was typed.
      onJoinedTeam: (created, update, handOver) => {
        typingIn.current = focusedField();
        // Rendered, focused and attached before this returns, so the next key the person presses lands in the new editor.
        flushSync(() => setSession(openSession(created, { update, personName: person.name, carryOver: handOver })));
      },
    });
  /** The plain field the person was typing in when the release was handed over, to give back its focus and caret. */
  const typingIn = useRef<FocusedField | null>(null);
  const [session, setSession] = useState(() => openSession(release, doc ? { update: doc, personName: person.name } : undefined));
  const [exporting, setExporting] = useState(false);
  const [leaving, setLeaving] = useState<{ work: NonNullable<UnsavedWork>; decide: (leave: boolean) => void } | null>(null);

  useLayoutEffect(() => {
    const field = typingIn.current;
    typingIn.current = null;
    if (field) refocusField(field);
  }, [session]);

  useEffect(() => {
    openAutosavers.add(session.saver);
    session.start();
    shown.current = true;
    void session.loadComments();
    const flush = () => void session.flush();
    // Browser mode only: the desktop's main process asks every window to save before it closes.
    const warnBeforeUnload = (event: BeforeUnloadEvent) => {
      if (session.saver.hasUnsavedChanges) event.preventDefault();
    };
    window.addEventListener('blur', flush);
    window.addEventListener('pagehide', flush);
    if (!desktop) window.addEventListener('beforeunload', warnBeforeUnload);
    const stopGuarding = guardLeaving(async () => {
      await session.flush();
      const work = session.unsavedWork();
      return work === null || new Promise<boolean>((decide) => setLeaving({ work, decide }));
    });
    return () => {
      stopGuarding();
      window.removeEventListener('blur', flush);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', warnBeforeUnload);
      openAutosavers.delete(session.saver);
      shown.current = false;
      // Leaving writes what is left; the session outlives the view until it is done.
      void session.close();
    };
  }, [session]);

  const openExport = useCallback(async () => {
    await session.flush();
    if (session.getState().release) setExporting(true);
    else showError('Nothing is written yet: type something first.');
  }, [session, showError]);
  const print = useCallback(async () => {
    await session.flush();
    const id = session.getState().release?.id;
    if (!id) return showError('Nothing is written yet: type something first.');
    const printed = await api.printRelease({ id });
    if (!printed.ok) showError(`Not printed: ${printed.error.message}`);
  }, [session, showError]);

  // File → Export… and Print… from the native menu act on the release in front of the person.
  useEffect(() => {
    const unregister = [registerCommand('export', () => void openExport()), registerCommand('print', () => void print())];
    return () => unregister.forEach((stop) => stop());
  }, [openExport, print]);

  const decideLeaving = (leave: boolean) => {
    leaving?.decide(leave);
    setLeaving(null);
  };

  return (
    <SessionContext.Provider value={session}>
      {/* A new editor when the release becomes collaborative: its body is then the document's, with its own undo. */}
      <EditorLayout key={session.sync ? 'collaborative' : 'solo'} onExport={() => void openExport()} />
      {exporting && (
        <ExportDialog
          release={{ ...session.getState().release!, content: session.snapshot() }}
          onClose={() => setExporting(false)}
          onExported={() => {
            setExporting(false);
            void session.refresh();
          }}
        />
      )}
      {leaving && <LeaveDialog work={leaving.work} onDecide={decideLeaving} />}
    </SessionContext.Provider>
  );
}

/** Asked when leaving would lose words: the person decides, and keeping them as a copy is always on offer. */
function LeaveDialog({ work, onDecide }: { work: NonNullable<UnsavedWork>; onDecide: (leave: boolean) => void }) {
  const session = useReleaseSession();
  const [current, setCurrent] = useState(work);
  const [busy, setBusy] = useState(false);

  async function retry() {
    setBusy(true);
    await session.flush();
    setBusy(false);
    const still = session.unsavedWork();
    if (still) setCurrent(still);
    else onDecide(true);
  }

  async function saveCopy() {
    setBusy(true);
    const copy = await session.saveAsCopy();
    setBusy(false);
    if (copy) onDecide(true);
  }

  return (
    <Modal title="Your latest changes are not saved" onClose={() => onDecide(false)}>
      <p>
        {current.kind === 'conflict' ? 'Not saved: ' : 'Save failed: '}
        {current.message}
      </p>
      <p className="muted small">If you leave now, what you typed since the last save is lost. Keeping it as a copy makes a new release.</p>
      <div className="row end">
        <button type="button" onClick={() => onDecide(false)} disabled={busy}>
          Stay
        </button>
        <button type="button" onClick={() => onDecide(true)} disabled={busy}>
          Leave without saving
        </button>
        {current.kind === 'failed' && (
          <button type="button" onClick={() => void retry()} disabled={busy}>
            Try saving again
          </button>
        )}
        <button type="button" className="primary" onClick={() => void saveCopy()} disabled={busy}>
          Save mine as a copy
        </button>
      </div>
    </Modal>
  );
}

function EditorLayout({ onExport }: { onExport: () => void }) {
  const session = useReleaseSession();
  const [tab, setTab] = useState<PanelTab>('photos');
  const [pendingAnchor, setPendingAnchor] = useState<SelectionForComment | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const comments = useSession((state) => state.comments);
  useResolvedAnchorStyle(comments.phase === 'ready' ? comments.list : []);

  const commentOnSelection = useCallback((selection: SelectionForComment) => {
    setPendingAnchor(selection);
    setTab('review');
  }, []);
  const onEditorReady = useCallback(
    (ready: Editor) => {
      setEditor(ready);
      session.attachBody({
        read: () => ready.getJSON() as BodyDoc,
        replace: (body) => ready.commands.setContent(body, { emitUpdate: false }),
        selection: () => (ready.view.hasFocus() ? { from: ready.state.selection.from, to: ready.state.selection.to } : null),
        // ProseMirror's own focus, at once: TipTap's focus command waits a frame, and a key pressed meanwhile would go nowhere.
        focus: (selection) => {
          ready.view.focus();
          ready.commands.setTextSelection(selection);
        },
      });
    },
    [session],
  );

  return (
    <div className="editor-layout">
      <div className="editor-scroll">
        <EditorHeader onExport={onExport} />
        <ReleasePage editor={editor} onEditorReady={onEditorReady} onCommentSelection={commentOnSelection} />
      </div>
      <ReleasePanel editor={editor} tab={tab} onTab={setTab} pendingAnchor={pendingAnchor} onAnchorUsed={() => setPendingAnchor(null)} />
    </div>
  );
}

function EditorHeader({ onExport }: { onExport: () => void }) {
  const session = useReleaseSession();
  const release = useSession((state) => state.release);

  async function saveCopy() {
    const copy = await session.saveAsCopy();
    if (copy) navigate({ view: 'release', id: copy.id });
  }

  async function duplicate() {
    const copy = await session.duplicate();
    if (copy) navigate({ view: 'release', id: copy.id });
  }

  async function moveToTrash() {
    if (await session.moveToTrash()) navigate({ view: 'releases' });
  }

  const notYet = release === null ? 'Nothing is written yet: type something first.' : undefined;
  return (
    <header className="editor-header">
      <a className="back" href="#/releases">
        ← Releases
      </a>
      <StatusBadge status={release?.status ?? 'draft'} />
      <SaveStatus onSaveCopy={() => void saveCopy()} onLoadLatest={() => void session.loadLatest()} />
      <TeamSyncStatus />
      <div className="spacer" />
      <ReviewActions />
      <button type="button" disabled={release === null} title={notYet} onClick={onExport}>
        Export
      </button>
      <button type="button" disabled={release === null} title={notYet} onClick={() => void duplicate()}>
        Duplicate
      </button>
      <button type="button" disabled={release === null} title={notYet} onClick={() => void moveToTrash()}>
        Move to trash
      </button>
    </header>
  );
}

function ReleasePage({
  editor,
  onEditorReady,
  onCommentSelection,
}: {
  editor: Editor | null;
  onEditorReady: (editor: Editor) => void;
  onCommentSelection: (selection: SelectionForComment) => void;
}) {
  const session = useReleaseSession();
  const fields = useSession((state) => state.fields);
  const editingApproved = useSession((state) => state.editingApproved);
  const bodyProblem = useSession((state) => state.bodyProblem);
  useSession((state) => state.release);
  const permission = session.permission();
  const editable = session.editable;
  const update = (patch: Partial<DraftFields>) => session.updateFields(patch);
  const flush = session.flush;
  const bodyChanged = useCallback(() => session.bodyChanged(), [session]);
  const flushBody = useCallback(() => void session.flush(), [session]);

  const bodyEditable = editable && bodyProblem === null;
  // The body turns editable in place (no new editor, no lost undo); the no-op transaction tells its photo views to look again.
  useEffect(() => {
    if (!editor || editor.isEditable === bodyEditable) return;
    editor.setEditable(bodyEditable, false);
    editor.view.dispatch(editor.state.tr.setMeta('addToHistory', false));
  }, [editor, bodyEditable]);

  // The desktop's spell checker follows the release's language.
  const setSpellCheckLanguage = useAction('setSpellCheckLanguage').run;
  useEffect(() => {
    if (desktop) void setSpellCheckLanguage({ language: fields.language });
  }, [fields.language, setSpellCheckLanguage]);

  const isArabic = fields.language === 'ar';
  const onBlur = () => void flush();
  return (
    <>
      {!permission.allowed && <p className="page-note">{permission.reason}</p>}
      {bodyProblem && (
        <p className="page-note" role="alert">
          {bodyProblem}
        </p>
      )}
      {permission.allowed && permission.lapsesApproval && (
        <p className="page-note">
          {editingApproved ? (
            'Approved. Changing anything sends it back to Draft until it is approved again; putting the approved text back restores the approval.'
          ) : (
            <>
              Approved: the text is read-only, so the approval stays current.{' '}
              <button type="button" onClick={() => session.editApproved()}>
                Edit (needs a new approval)
              </button>
            </>
          )}
        </p>
      )}
      <article className="page" lang={fields.language} dir={isArabic ? 'rtl' : 'ltr'} aria-label="Release">
        <div className="page-top">
          <ReleaseLineFields
            value={fields.releaseLine}
            readOnly={!editable}
            onChange={(releaseLine) => update({ releaseLine })}
            onBlur={onBlur}
          />
          <div className="field language">
            <label htmlFor="release-language">Language</label>
            <select
              id="release-language"
              disabled={!editable}
              value={fields.language}
              onChange={(event) => update({ language: event.target.value as DraftFields['language'] })}
            >
              <option value="en">English</option>
              <option value="ar">العربية</option>
            </select>
          </div>
        </div>

        <ReleaseTextField path="headline" />
        <ReleaseTextField path="subheadline" />

        <LeadPhoto value={fields.leadPhoto} readOnly={!editable} onChange={(leadPhoto) => update({ leadPhoto })} onBlur={onBlur} />

        <div className="dateline-fields">
          <ReleaseTextField path="dateline.city" />
          <ReleaseTextField path="dateline.date" />
        </div>

        <BodyEditor
          initialContent={session.initialBody}
          collaboration={session.sync}
          editable={bodyEditable}
          onCommentSelection={onCommentSelection}
          datelineText={formatDateline(fields.dateline, fields.language)}
          onReady={onEditorReady}
          onChange={bodyChanged}
          onBlur={flushBody}
        />

        <footer className="page-footer">
          <ReleaseTextField path="boilerplate" />
          <ReleaseTextField path="mediaContact" />
          <div className="sign-off-row">
            <ReleaseTextField path="signOff" />
            <ReleaseTextField path="endMark" />
          </div>
        </footer>
      </article>
    </>
  );
}

function TrashedRelease({ release, onRestored }: { release: Release; onRestored: () => void }) {
  const restore = useAction('restoreRelease');
  return (
    <div className="empty">
      <p>“{release.content.headline || 'Untitled release'}” is in the trash.</p>
      <button
        type="button"
        disabled={restore.pending}
        onClick={() => void restore.run({ id: release.id }).then((result) => result.ok && onRestored())}
      >
        Restore
      </button>
    </div>
  );
}

interface FocusedField {
  path: string;
  start: number | null;
  end: number | null;
}

function focusedField(): FocusedField | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) || !active.dataset.field) return null;
  return { path: active.dataset.field, start: active.selectionStart, end: active.selectionEnd };
}

function refocusField({ path, start, end }: FocusedField): void {
  const control = document.querySelector(`[data-field="${CSS.escape(path)}"]`);
  if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) return;
  control.focus();
  if (start !== null && end !== null) control.setSelectionRange(start, end);
}
