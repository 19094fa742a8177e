import { EditorContent, useEditor } from '@tiptap/react';
import { useState } from 'react';
import type { RevisionSummary } from '@shared/api/revisions';
import { bodyExtensions, bodyTextDirection } from '@shared/release/body';
import type { ReleaseContent } from '@shared/release/content';
import { formatDateline } from '@shared/release/dateline';
import { releaseLineText } from '@shared/release/release-line';
import { compareContent } from '@shared/review/compare';
import { statusLabels } from '@shared/review/workflow';
import { useAction, useQuery } from '../data';
import { formatWhen } from '../format';
import { Modal } from '../Modal';
import { QueryFailure } from '../QueryFailure';
import { useReleaseSession, useSession } from './session-context';

const kindLabels: Record<RevisionSummary['kind'], string> = {
  created: 'Created',
  edit: 'Edited',
  state: 'State change',
  restore: 'Restored',
};

/** Every revision: open one read-only, compare any two, restore one in place. */
export function HistoryPanel() {
  const session = useReleaseSession();
  const release = useSession((state) => state.release)!;
  // Restoring is an edit: the same rule, and the same reason, as typing.
  const restorable = session.permission();
  const [selected, setSelected] = useState<number[]>([]);
  const [open, setOpen] = useState<{ revision: RevisionSummary; content: ReleaseContent } | null>(null);
  const [comparing, setComparing] = useState<{
    older: RevisionSummary;
    newer: RevisionSummary;
    before: ReleaseContent;
    after: ReleaseContent;
  } | null>(null);

  // Loaded again whenever the release has a new version, so a save, an action or a restore shows up here.
  const revisions = useQuery('listRevisions', { releaseId: release.id }, { refreshOn: release.version });
  const getRevision = useAction('getRevision');
  const contentOf = async (revision: RevisionSummary) => {
    const result = await getRevision.run({ releaseId: release.id, revisionId: revision.id });
    return result.ok ? result.value.content : null;
  };

  async function compare() {
    const [newer, older] = selected.map((id) => revisions.data!.find((revision) => revision.id === id)!).sort((a, b) => b.id - a.id);
    const [after, before] = await Promise.all([contentOf(newer!), contentOf(older!)]);
    if (before && after) setComparing({ older: older!, newer: newer!, before, after });
  }

  async function restore(revision: RevisionSummary) {
    if (await session.restoreRevision(revision.id)) setOpen(null);
  }

  const toggle = (id: number) =>
    setSelected((current) => (current.includes(id) ? current.filter((item) => item !== id) : [...current, id].slice(-2)));

  return (
    <div className="history">
      <div className="row">
        <button type="button" disabled={selected.length !== 2} onClick={() => void compare()}>
          Compare
        </button>
        <span className="muted small">{selected.length === 2 ? 'Two versions chosen' : 'Choose two versions to compare'}</span>
      </div>
      {revisions.error && <QueryFailure what="the history" error={revisions.error} onRetry={revisions.reload} />}
      <ol className="revision-list" aria-busy={revisions.loading}>
        {(revisions.data ?? []).map((revision) => (
          <li key={revision.id}>
            <input
              type="checkbox"
              aria-label={`Choose the version of ${formatWhen(revision.recordedAt)} (${kindLabels[revision.kind]})`}
              checked={selected.includes(revision.id)}
              onChange={() => toggle(revision.id)}
            />
            <button
              type="button"
              className="revision"
              onClick={() => void contentOf(revision).then((content) => content && setOpen({ revision, content }))}
            >
              <span>
                <strong dir="auto">{revision.actorName}</strong> · {kindLabels[revision.kind]}
              </span>
              <span className="muted small">
                {formatWhen(revision.recordedAt)} · {statusLabels[revision.status]} · {revision.wordCount} words
              </span>
              {revision.note && (
                <span className="small" dir="auto">
                  {revision.note}
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>

      {open && (
        <Modal
          title={`Version of ${formatWhen(open.revision.recordedAt)} by ${open.revision.actorName}`}
          onClose={() => setOpen(null)}
          wide
        >
          <RevisionPreview content={open.content} />
          <div className="row end">
            {!restorable.allowed && <span className="muted small">{restorable.reason}</span>}
            <button type="button" className="primary" disabled={!restorable.allowed} onClick={() => void restore(open.revision)}>
              Restore this version
            </button>
          </div>
        </Modal>
      )}
      {comparing && (
        <Modal
          title={`Changes from ${formatWhen(comparing.older.recordedAt)} to ${formatWhen(comparing.newer.recordedAt)}`}
          onClose={() => setComparing(null)}
          wide
        >
          <CompareView before={comparing.before} after={comparing.after} />
        </Modal>
      )}
    </div>
  );
}

function CompareView({ before, after }: { before: ReleaseContent; after: ReleaseContent }) {
  const fields = compareContent(before, after);
  const changed = fields.filter((field) => field.changed);
  const unchanged = fields.filter((field) => !field.changed).map((field) => field.label);
  return (
    <div className="compare" aria-label="Differences">
      {changed.map((field) => (
        <section key={field.label} aria-label={field.label}>
          <h3>{field.label}</h3>
          {field.parts.some((part) => part.change !== 'same') && (
            <p className="diff" dir="auto">
              {field.parts.map((part, index) =>
                part.change === 'added' ? (
                  <ins key={index}>{part.text}</ins>
                ) : part.change === 'removed' ? (
                  <del key={index}>{part.text}</del>
                ) : (
                  <span key={index}>{part.text}</span>
                ),
              )}
            </p>
          )}
          {field.changes.length > 0 && (
            <ul className="diff">
              {field.changes.map((change, index) => (
                <li key={index}>
                  <span dir="auto">{change.what}</span>
                  {/* Old → new, each on its own line: a link's full address is what a reviewer must read. */}
                  {change.before !== null && (
                    <>
                      <br />
                      <del dir="auto">{change.before}</del>
                    </>
                  )}
                  {change.before !== null && change.after !== null && ' → '}
                  {change.after !== null && (
                    <>
                      {change.before === null && <br />}
                      <ins dir="auto">{change.after}</ins>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {changed.length === 0 && <p>These two versions are the same.</p>}
      {unchanged.length > 0 && changed.length > 0 && <p className="muted small">No changes in: {unchanged.join(', ')}.</p>}
    </div>
  );
}

function RevisionPreview({ content }: { content: ReleaseContent }) {
  const editor = useEditor({
    extensions: bodyExtensions,
    content: content.body,
    editable: false,
    injectCSS: false,
    textDirection: bodyTextDirection,
  });
  const dateline = formatDateline(content.dateline, content.language);
  return (
    <article className="revision-preview" lang={content.language} dir={content.language === 'ar' ? 'rtl' : 'ltr'}>
      <p className="muted small">{releaseLineText(content)}</p>
      <h1 dir="auto">{content.headline || 'Untitled release'}</h1>
      {content.subheadline && (
        <p className="subheadline" dir="auto">
          {content.subheadline}
        </p>
      )}
      {dateline && (
        <p className="small">
          <strong>{dateline}</strong>
        </p>
      )}
      <EditorContent editor={editor} className="body-content" />
      {[content.boilerplate, content.mediaContact, content.signOff, content.endMark].filter(Boolean).map((text, index) => (
        <p key={index} dir="auto" className="small">
          {text}
        </p>
      ))}
    </article>
  );
}
