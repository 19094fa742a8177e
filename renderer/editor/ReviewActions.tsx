import { Fragment, useState } from 'react';
import { checkRelease, type ChecklistItem } from '@shared/review/checklist';
import { availableActions, releaseFacts, type ActionDetails, type PersonAction } from '@shared/review/workflow';
import { formatWhen } from '../format';
import { Modal } from '../Modal';
import { usePerson } from '../person';
import { focusField } from './focus-field';
import { useReleaseSession, useSession } from './session-context';

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
export function ReviewActions() {
  const session = useReleaseSession();
  const release = useSession((state) => state.release);
  const sync = useSession((state) => state.sync);
  const person = usePerson();
  const [asking, setAsking] = useState<Asking>(null);
  const [text, setText] = useState('');

  async function run(action: PersonAction, details: ActionDetails = {}) {
    if (!(await session.transition(action, details))) return;
    setAsking(null);
    setText('');
  }

  // Submitting shows the checklist first; requesting changes and withdrawing ask for their words.
  function start(action: PersonAction) {
    if (action === 'withdraw' || action === 'request-changes') return setAsking({ action });
    if (action !== 'submit') return void run(action);
    const items = checkRelease(session.snapshot());
    if (items.length > 0) setAsking({ action: 'checklist', items });
    else void run('submit');
  }

  // A new release has no state to change until its first words are saved.
  if (!release) return null;
  return (
    <>
      {release.approval && (
        <span className="approval">
          Approved by {release.approval.approverName} at {formatWhen(release.approval.approvedAt)}
        </span>
      )}
      {availableActions(releaseFacts(release), person).map(({ action, decision: workflowDecision }) => {
        // Only the team server signs an approval; the backend refuses one while it cannot be reached, and the button says so first.
        const decision =
          action === 'approve' && workflowDecision.allowed && sync?.mode === 'team' && !sync.online
            ? { allowed: false as const, showDisabled: true, reason: serverUnreachable(sync.reason) }
            : workflowDecision;
        return (
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
          )
        );
      })}

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

const serverUnreachable = (reason: string | null) =>
  `The team server cannot be reached${reason ? ` (${reason})` : ''}, and only it can sign an approval. Approve once it is back.`;

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
