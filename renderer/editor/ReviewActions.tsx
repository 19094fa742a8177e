import { Fragment, useState } from 'react';
import type { Release } from '@shared/api/releases';
import { checkRelease, type ChecklistItem } from '@shared/review/checklist';
import { availableActions, releaseFacts, type ActionDetails, type PersonAction } from '@shared/review/workflow';
import { api } from '../api';
import { formatWhen } from '../format';
import { Modal } from '../Modal';
import { useNotices } from '../notices';
import { usePerson } from '../person';
import type { Autosaver } from './autosave';
import { focusField } from './focus-field';

type Asking = { action: 'withdraw' | 'request-changes' } | { action: 'checklist'; items: ChecklistItem[] } | null;

const actionLabels: Record<PersonAction, string> = {
  submit: 'Submit for review',
  approve: 'Approve',
  'request-changes': 'Request changes',
  recall: 'Recall to draft',
  withdraw: 'Withdraw',
  reopen: 'Reopen',
};
const primaryActions: PersonAction[] = ['submit', 'approve'];

/**
 * The workflow buttons for this release and this person, as the shared
 * workflow offers them; the main process asks it again. A refusal a person
 * would wonder about is shown with its reason, not hidden.
 */
export function ReviewActions({
  release,
  autosaver,
  onChanged,
}: {
  release: Release;
  autosaver: Autosaver;
  onChanged: (release: Release) => void;
}) {
  const person = usePerson();
  const { showError } = useNotices();
  const [asking, setAsking] = useState<Asking>(null);
  const [text, setText] = useState('');

  async function run(action: PersonAction, details: ActionDetails = {}) {
    await autosaver.flush();
    if (autosaver.hasUnsavedChanges) return showError('Your latest changes are not saved yet. Save them (or resolve the conflict) first.');
    const result = await api.transitionRelease({ id: release.id, action, baseVersion: autosaver.currentVersion, ...details });
    if (!result.ok) return showError(result.error.message);
    setAsking(null);
    setText('');
    onChanged(result.value);
  }

  // Submitting shows the checklist first; requesting changes and withdrawing ask for their words.
  function start(action: PersonAction) {
    if (action === 'withdraw' || action === 'request-changes') return setAsking({ action });
    if (action !== 'submit') return void run(action);
    const items = checkRelease(autosaver.snapshot());
    if (items.length > 0) setAsking({ action: 'checklist', items });
    else void run('submit');
  }

  return (
    <>
      {release.approval && (
        <span className="approval">
          Approved by {release.approval.approverName} at {formatWhen(release.approval.approvedAt)}
        </span>
      )}
      {availableActions(releaseFacts(release), person).map(
        ({ action, decision }) =>
          (decision.allowed || decision.showDisabled) && (
            <Fragment key={action}>
              <button
                type="button"
                className={primaryActions.includes(action) ? 'primary' : undefined}
                disabled={!decision.allowed}
                onClick={() => start(action)}
              >
                {actionLabels[action]}
              </button>
              {!decision.allowed && <span className="refusal small">{decision.reason}</span>}
            </Fragment>
          ),
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
      {group(
        'To fix before review',
        items.filter((item) => item.blocking),
      )}
      {group(
        'Worth a look',
        items.filter((item) => !item.blocking),
      )}
    </div>
  );
}
