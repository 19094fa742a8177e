import { useState } from 'react';
import type { Release } from '@shared/api/releases';
import { checkRelease, type ChecklistItem } from '@shared/review/checklist';
import { decide, type ActionDetails, type ReviewAction } from '@shared/review/workflow';
import { api } from '../api';
import { formatWhen } from '../format';
import { Modal } from '../Modal';
import { useNotices } from '../notices';
import { usePerson } from '../person';
import type { Autosaver } from './autosave';
import { focusField } from './focus-field';

type Asking = { action: 'withdraw' | 'request-changes' } | { action: 'checklist'; items: ChecklistItem[] } | null;

/**
 * The workflow buttons for this release and this person. What is shown is asked
 * of the same rules the main process enforces; a refusal is explained, not hidden.
 */
export function ReviewActions({ release, autosaver, onChanged }: { release: Release; autosaver: Autosaver; onChanged: (release: Release) => void }) {
  const person = usePerson();
  const { showError } = useNotices();
  const [asking, setAsking] = useState<Asking>(null);
  const [text, setText] = useState('');

  const facts = { status: release.status, authorId: release.authorId, lastEditorId: release.lastEditorId, checklistPasses: true, approvalCurrent: release.approval !== null };
  const can = (action: ReviewAction) => decide(facts, person, action, { comment: 'x', reason: 'x' });

  async function run(action: Exclude<ReviewAction, 'release'>, details: ActionDetails = {}) {
    await autosaver.flush();
    if (autosaver.hasUnsavedChanges) return showError('Your latest changes are not saved yet. Save them (or resolve the conflict) first.');
    const result = await api.transitionRelease({ id: release.id, action, baseVersion: autosaver.currentVersion, ...details });
    if (!result.ok) return showError(result.error.message);
    setAsking(null);
    setText('');
    onChanged(result.value);
  }

  function submit() {
    const items = checkRelease(autosaver.snapshot());
    if (items.length > 0) setAsking({ action: 'checklist', items });
    else void run('submit');
  }

  const approve = can('approve');
  const isReviewer = person.role === 'reviewer';
  return (
    <>
      {release.approval && (
        <span className="approval">
          Approved by {release.approval.approverName} at {formatWhen(release.approval.approvedAt)}
        </span>
      )}
      {can('submit').allowed && (
        <button type="button" className="primary" onClick={submit}>
          Submit for review
        </button>
      )}
      {release.status === 'in-review' && isReviewer && (
        <>
          <button type="button" className="primary" disabled={!approve.allowed} onClick={() => void run('approve')}>
            Approve
          </button>
          <button type="button" onClick={() => setAsking({ action: 'request-changes' })}>
            Request changes
          </button>
        </>
      )}
      {release.status === 'in-review' && isReviewer && !approve.allowed && <span className="refusal small">{approve.reason}</span>}
      {can('reopen').allowed && (
        <button type="button" onClick={() => void run('reopen')}>
          Reopen
        </button>
      )}
      {can('withdraw').allowed && (
        <button type="button" onClick={() => setAsking({ action: 'withdraw' })}>
          Withdraw
        </button>
      )}

      {asking?.action === 'checklist' && (
        <Modal title="Before it goes to review" onClose={() => setAsking(null)}>
          <Checklist
            items={asking.items}
            onGoTo={(field) => {
              setAsking(null);
              // After the dialog has closed and given focus back.
              setTimeout(() => focusField(field));
            }}
          />
          <div className="row end">
            <button type="button" onClick={() => setAsking(null)}>
              Keep editing
            </button>
            {asking.items.every((item) => !item.blocking) && (
              <button type="button" className="primary" onClick={() => void run('submit')}>
                Submit anyway
              </button>
            )}
          </div>
        </Modal>
      )}
      {(asking?.action === 'withdraw' || asking?.action === 'request-changes') && (
        <Modal title={asking.action === 'withdraw' ? 'Withdraw this release' : 'Request changes'} onClose={() => setAsking(null)}>
          <form
            className="dialog-form"
            onSubmit={(event) => {
              event.preventDefault();
              void run(asking.action, asking.action === 'withdraw' ? { reason: text } : { comment: text });
            }}
          >
            <label className="field">
              <span>{asking.action === 'withdraw' ? 'Reason' : 'What needs to change'}</span>
              <textarea dir="auto" autoFocus rows={4} value={text} onChange={(event) => setText(event.target.value)} />
            </label>
            <div className="row end">
              <button type="button" onClick={() => setAsking(null)}>
                Cancel
              </button>
              <button type="submit" className="primary" disabled={!text.trim()}>
                {asking.action === 'withdraw' ? 'Withdraw' : 'Request changes'}
              </button>
            </div>
          </form>
        </Modal>
      )}
    </>
  );
}

function Checklist({ items, onGoTo }: { items: ChecklistItem[]; onGoTo: (field: string) => void }) {
  const group = (title: string, members: ChecklistItem[]) =>
    members.length > 0 && (
      <>
        <h3>{title}</h3>
        <ul>
          {members.map((item) => (
            <li key={item.field}>
              <button type="button" className="link-button" onClick={() => onGoTo(item.field)}>
                {item.message}
              </button>
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <div className="checklist" aria-label="Checklist">
      {group('To fix before review', items.filter((item) => item.blocking))}
      {group('Worth a look', items.filter((item) => !item.blocking))}
    </div>
  );
}
