import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Comment } from '@shared/api/comments';
import type { Release } from '@shared/api/releases';
import type { ReleaseContent } from '@shared/release/content';
import { formatDateline } from '@shared/release/dateline';
import { editPermission, releaseFacts } from '@shared/review/workflow';
import { api, desktop } from '../api';
import { registerCommand } from '../commands';
import { ExportDialog } from '../export/ExportDialog';
import { useNotices } from '../notices';
import { usePerson } from '../person';
import { navigate } from '../route';
import { StatusBadge } from '../releases/StatusBadge';
import { Autosaver } from './autosave';
import { BodyEditor, type SelectionForComment } from './BodyEditor';
import { TextField } from './fields';
import { LeadPhoto } from './LeadPhoto';
import { openAutosavers } from './open-autosavers';
import { ReleaseLineFields } from './ReleaseLineFields';
import { useResolvedAnchorStyle } from './resolved-anchors';
import { ReleasePanel, type PanelTab } from './ReleasePanel';
import { ReviewActions } from './ReviewActions';
import { SaveStatus } from './SaveStatus';

type LoadState = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; release: Release };

export function ReleaseEditor({ id, onWorkflowChange }: { id: string; onWorkflowChange: () => void }) {
  const [state, setState] = useState<LoadState>({ phase: 'loading' });
  const [tab, setTab] = useState<PanelTab>('photos');
  const load = useCallback(async () => {
    setState({ phase: 'loading' });
    const result = await api.getRelease({ id });
    setState(result.ok ? { phase: 'ready', release: result.value } : { phase: 'failed', message: result.error.message });
  }, [id]);
  useEffect(() => void load(), [load]);

  if (state.phase === 'loading') return <div className="editor-loading" aria-busy="true" />;
  if (state.phase === 'failed') {
    return (
      <div className="empty" role="alert">
        <p>{state.message}</p>
        <a href="#/releases">Back to releases</a>
      </div>
    );
  }
  if (state.release.trashedAt) return <TrashedRelease release={state.release} onRestored={load} />;
  const changed = (release: Release) => {
    setState({ phase: 'ready', release });
    onWorkflowChange();
  };
  return <EditorSession key={state.release.version} release={state.release} onReload={load} onChanged={changed} tab={tab} onTab={setTab} />;
}

type Fields = Omit<ReleaseContent, 'body'>;

interface EditorSessionProps {
  release: Release;
  onReload: () => void;
  /** A workflow action or a restore produced a new version of the release. */
  onChanged: (release: Release) => void;
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
}

/** One release at one version; a state change or a restore starts a new session at the new version. */
function EditorSession({ release, onReload, onChanged, tab, onTab }: EditorSessionProps) {
  const { showError } = useNotices();
  const person = usePerson();
  const [pendingAnchor, setPendingAnchor] = useState<SelectionForComment | null>(null);
  // A save can change the state and the approval (an edit lapses it, editing back to the approved content restores it).
  const [saved, setSaved] = useState({ status: release.status, approval: release.approval });
  const liveStatus = saved.status;
  // An approved release stays read-only until the person chooses to edit it: a stray keystroke must not cancel an approval.
  const [editingApproved, setEditingApproved] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [comments, setComments] = useState<Comment[]>([]);
  const loadComments = useCallback(
    () =>
      void api
        .listComments({ releaseId: release.id })
        .then((result) => (result.ok ? setComments(result.value) : showError(result.error.message))),
    [release.id, showError],
  );
  useEffect(loadComments, [loadComments]);
  useResolvedAnchorStyle(comments);
  const live: Release = { ...release, ...saved };
  const permission = editPermission(releaseFacts(live), person);
  const editable = permission.allowed && (!permission.lapsesApproval || editingApproved);
  const { body: initialBody, ...initialFields } = release.content;
  const [fields, setFieldsState] = useState<Fields>(initialFields);
  const fieldsRef = useRef(fields);
  const editorRef = useRef<Editor | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);

  const autosaver = useMemo(
    () =>
      new Autosaver({
        version: release.version,
        read: () => ({ ...fieldsRef.current, body: editorRef.current!.getJSON() as ReleaseContent['body'] }),
        save: async (content, baseVersion) => {
          const result = await api.saveRelease({ id: release.id, baseVersion, content });
          if (result.ok) setSaved({ status: result.value.status, approval: result.value.approval });
          return result;
        },
      }),
    [release.id, release.version],
  );

  // File → Export… and Print… from the native menu act on the release in front of the person.
  useEffect(() => {
    const unregister = [
      registerCommand('export', () => void autosaver.flush().then(() => setExporting(true))),
      registerCommand('print', () => void autosaver.flush().then(print)),
    ];
    return () => unregister.forEach((stop) => stop());
  }, [autosaver, release.id]);

  useEffect(() => {
    openAutosavers.add(autosaver);
    const flush = () => void autosaver.flush();
    window.addEventListener('blur', flush);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('blur', flush);
      window.removeEventListener('pagehide', flush);
      openAutosavers.delete(autosaver);
      // Leaving the editor writes what is left; the autosaver outlives the view until it is done.
      void autosaver.flush().then(() => autosaver.dispose());
    };
  }, [autosaver]);

  const update = (patch: Partial<Fields>) => {
    fieldsRef.current = { ...fieldsRef.current, ...patch };
    setFieldsState(fieldsRef.current);
    autosaver.markDirty();
  };
  const flush = useCallback(() => void autosaver.flush(), [autosaver]);
  const markDirty = useCallback(() => autosaver.markDirty(), [autosaver]);
  const commentOnSelection = useCallback(
    (selection: SelectionForComment) => {
      setPendingAnchor(selection);
      onTab('review');
    },
    [onTab],
  );
  const onEditorReady = useCallback((ready: Editor) => {
    editorRef.current = ready;
    setEditor(ready);
  }, []);
  // The body turns editable in place (no new editor, no lost undo); the no-op transaction tells its photo views to look again.
  useEffect(() => {
    if (!editor || editor.isEditable === editable) return;
    editor.setEditable(editable, false);
    editor.view.dispatch(editor.state.tr.setMeta('addToHistory', false));
  }, [editor, editable]);

  async function saveCopy() {
    const result = await api.createRelease({ content: autosaver.snapshot() });
    if (result.ok) navigate({ view: 'release', id: result.value.id });
    else showError(result.error.message);
  }

  async function duplicate() {
    await autosaver.flush();
    const result = await api.duplicateRelease({ id: release.id });
    if (result.ok) navigate({ view: 'release', id: result.value.id });
    else showError(result.error.message);
  }

  async function print() {
    const printed = await api.printRelease({ id: release.id });
    if (!printed.ok) showError(`Not printed: ${printed.error.message}`);
  }

  async function moveToTrash() {
    await autosaver.flush();
    const result = await api.trashRelease({ id: release.id });
    if (result.ok) navigate({ view: 'releases' });
    else showError(result.error.message);
  }

  // The desktop's spell checker follows the release's language.
  useEffect(() => {
    if (desktop) void api.setSpellCheckLanguage({ language: fields.language });
  }, [fields.language]);

  const datelineText = formatDateline(fields.dateline, fields.language);
  const isArabic = fields.language === 'ar';

  return (
    <div className="editor-layout">
      <div className="editor-scroll">
        <header className="editor-header">
          <a className="back" href="#/releases">
            ← Releases
          </a>
          <StatusBadge status={liveStatus} />
          <SaveStatus autosaver={autosaver} onSaveCopy={() => void saveCopy()} onLoadLatest={onReload} />
          <div className="spacer" />
          <ReviewActions release={live} autosaver={autosaver} onChanged={onChanged} />
          <button type="button" onClick={() => void autosaver.flush().then(() => setExporting(true))}>
            Export
          </button>
          <button type="button" onClick={() => void duplicate()}>
            Duplicate
          </button>
          <button type="button" onClick={() => void moveToTrash()}>
            Move to trash
          </button>
        </header>

        {!permission.allowed && <p className="page-note">{permission.reason}</p>}
        {permission.allowed && permission.lapsesApproval && (
          <p className="page-note">
            {editingApproved ? (
              'Approved. Changing anything sends it back to Draft until it is approved again; putting the approved text back restores the approval.'
            ) : (
              <>
                Approved: the text is read-only, so the approval stays current.{' '}
                <button type="button" onClick={() => setEditingApproved(true)}>
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
              onBlur={flush}
            />
            <div className="field language">
              <label htmlFor="release-language">Language</label>
              <select
                id="release-language"
                disabled={!editable}
                value={fields.language}
                onChange={(event) => update({ language: event.target.value as Fields['language'] })}
              >
                <option value="en">English</option>
                <option value="ar">العربية</option>
              </select>
            </div>
          </div>

          <TextField
            label="Headline"
            data-field="headline"
            readOnly={!editable}
            className="headline"
            multiline
            value={fields.headline}
            placeholder="Headline"
            maxLength={500}
            onChange={(event) => update({ headline: event.target.value })}
            onBlur={flush}
          />
          <TextField
            label="Subheadline"
            data-field="subheadline"
            readOnly={!editable}
            className="subheadline"
            multiline
            value={fields.subheadline}
            placeholder="Subheadline (optional)"
            maxLength={1000}
            onChange={(event) => update({ subheadline: event.target.value })}
            onBlur={flush}
          />

          <LeadPhoto value={fields.leadPhoto} readOnly={!editable} onChange={(leadPhoto) => update({ leadPhoto })} onBlur={flush} />

          <div className="dateline-fields">
            <TextField
              label="Dateline city"
              data-field="dateline.city"
              readOnly={!editable}
              value={fields.dateline.city}
              placeholder="New York"
              maxLength={120}
              onChange={(event) => update({ dateline: { ...fieldsRef.current.dateline, city: event.target.value } })}
              onBlur={flush}
            />
            <TextField
              label="Dateline date"
              data-field="dateline.date"
              readOnly={!editable}
              type="date"
              value={fields.dateline.date}
              onChange={(event) => update({ dateline: { ...fieldsRef.current.dateline, date: event.target.value } })}
              onBlur={flush}
            />
          </div>

          <BodyEditor
            initialContent={initialBody}
            editable={editable}
            onCommentSelection={commentOnSelection}
            datelineText={datelineText}
            onReady={onEditorReady}
            onChange={markDirty}
            onBlur={flush}
          />

          <footer className="page-footer">
            <TextField
              label="Boilerplate"
              data-field="boilerplate"
              readOnly={!editable}
              multiline
              value={fields.boilerplate}
              placeholder="About the organisation…"
              maxLength={10000}
              onChange={(event) => update({ boilerplate: event.target.value })}
              onBlur={flush}
            />
            <TextField
              label="Media contact"
              data-field="mediaContact"
              readOnly={!editable}
              multiline
              value={fields.mediaContact}
              placeholder="Name, role, phone, email"
              maxLength={2000}
              onChange={(event) => update({ mediaContact: event.target.value })}
              onBlur={flush}
            />
            <div className="sign-off-row">
              <TextField
                label="Sign-off"
                readOnly={!editable}
                value={fields.signOff}
                placeholder="Media Office"
                maxLength={300}
                onChange={(event) => update({ signOff: event.target.value })}
                onBlur={flush}
              />
              <TextField
                label="End mark"
                readOnly={!editable}
                className="end-mark"
                value={fields.endMark}
                maxLength={20}
                onChange={(event) => update({ endMark: event.target.value })}
                onBlur={flush}
              />
            </div>
          </footer>
        </article>
      </div>
      {exporting && (
        <ExportDialog
          release={live}
          onClose={() => setExporting(false)}
          onExported={() => {
            setExporting(false);
            onReload();
          }}
        />
      )}
      <ReleasePanel
        release={release}
        leadPhoto={fields.leadPhoto}
        editor={editor}
        autosaver={autosaver}
        tab={tab}
        onTab={onTab}
        pendingAnchor={pendingAnchor}
        onAnchorUsed={() => setPendingAnchor(null)}
        comments={comments}
        onCommentsChanged={loadComments}
        onReleaseChanged={onChanged}
      />
    </div>
  );
}

function TrashedRelease({ release, onRestored }: { release: Release; onRestored: () => void }) {
  const { showError } = useNotices();
  return (
    <div className="empty">
      <p>“{release.content.headline || 'Untitled release'}” is in the trash.</p>
      <button
        type="button"
        onClick={() =>
          void api.restoreRelease({ id: release.id }).then((result) => (result.ok ? onRestored() : showError(result.error.message)))
        }
      >
        Restore
      </button>
    </div>
  );
}
