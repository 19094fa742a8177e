import { z } from 'zod';

export const releaseStatuses = ['draft', 'in-review', 'changes-requested', 'approved', 'released', 'withdrawn'] as const;
export const releaseStatusSchema = z.enum(releaseStatuses);
export type ReleaseStatus = (typeof releaseStatuses)[number];

export const statusLabels: Record<ReleaseStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  'changes-requested': 'Changes requested',
  approved: 'Approved',
  released: 'Released',
  withdrawn: 'Withdrawn',
};

export const roles = ['writer', 'reviewer'] as const;
export const roleSchema = z.enum(roles);
export type Role = (typeof roles)[number];

/** What can happen to a release's state. Releasing is done by a final export, never by a button. */
export const reviewActions = ['submit', 'approve', 'request-changes', 'recall', 'withdraw', 'reopen', 'release'] as const;
export const reviewActionSchema = z.enum(reviewActions);
export type ReviewAction = (typeof reviewActions)[number];
/** The actions a person takes from the editor, in the order the editor shows them. */
export type PersonAction = Exclude<ReviewAction, 'release'>;
export const personActions = reviewActions.filter((action): action is PersonAction => action !== 'release');

export interface Actor {
  id: number;
  role: Role;
}

/** What the workflow needs to know about a release. */
export interface ReleaseFacts {
  status: ReleaseStatus;
  authorId: number;
  lastEditorId: number;
  /** Whether the latest approval's content hash matches the content now. */
  approvalCurrent: boolean;
}

export interface WorkflowFacts extends ReleaseFacts {
  /** Whether the submission checklist has no blocking failures. */
  checklistPasses: boolean;
}

export interface ActionDetails {
  /** Required when requesting changes. */
  comment?: string;
  /** Required when withdrawing. */
  reason?: string;
}

export type Refusal = {
  allowed: false;
  reason: string;
  /**
   * True when the action fits the state and the person's role but not this
   * person now (a second pair of eyes): the UI shows it disabled, with the reason.
   * Otherwise it is left out.
   */
  showDisabled: boolean;
};
export type Decision = { allowed: true; next: ReleaseStatus } | Refusal;

const finalOnly =
  'Only an approved release whose approval is current can be exported as final. Export it as a draft, or have it approved first.';

const refuse = (reason: string, showDisabled = false): Refusal => ({ allowed: false, reason, showDisabled });

/** The facts the workflow reads off a release as the API returns it: its approval is present only while current. */
export function releaseFacts(release: {
  status: ReleaseStatus;
  authorId: number;
  lastEditorId: number;
  approval: object | null;
}): ReleaseFacts {
  return {
    status: release.status,
    authorId: release.authorId,
    lastEditorId: release.lastEditorId,
    approvalCurrent: release.approval !== null,
  };
}

// The author takes a release back from review to fix it; a reviewer would request changes instead.
const mayRecall = (facts: Pick<ReleaseFacts, 'status' | 'authorId'>, person: { id: number }) =>
  facts.status === 'in-review' && person.id === facts.authorId;

/**
 * Whether this person may take this action in this state, before any details
 * (a comment, a reason) or the checklist are asked for.
 */
function permission(facts: ReleaseFacts, actor: Actor, action: ReviewAction): Decision {
  const { status } = facts;
  switch (action) {
    case 'submit':
      if (status !== 'draft' && status !== 'changes-requested')
        return refuse(`A release that is ${statusLabels[status]} cannot be submitted for review.`);
      return { allowed: true, next: 'in-review' };
    case 'approve':
      if (status !== 'in-review') return refuse(`Only a release in review can be approved; this one is ${statusLabels[status]}.`);
      if (actor.role !== 'reviewer') return refuse('Only a reviewer can approve a release.');
      if (actor.id === facts.authorId)
        return refuse('You wrote this release, so someone else must approve it (a second pair of eyes).', true);
      if (actor.id === facts.lastEditorId)
        return refuse('You edited this release last, so someone else must approve it (a second pair of eyes).', true);
      return { allowed: true, next: 'approved' };
    case 'request-changes':
      if (status !== 'in-review')
        return refuse(`Changes can only be requested on a release in review; this one is ${statusLabels[status]}.`);
      if (actor.role !== 'reviewer') return refuse('Only a reviewer can request changes.');
      return { allowed: true, next: 'changes-requested' };
    case 'recall':
      if (status !== 'in-review') return refuse(`Only a release in review can be recalled; this one is ${statusLabels[status]}.`);
      if (!mayRecall(facts, actor)) return refuse('Only the author can recall a release from review.');
      return { allowed: true, next: 'draft' };
    case 'withdraw':
      if (status === 'withdrawn') return refuse('This release is already withdrawn.');
      return { allowed: true, next: 'withdrawn' };
    case 'reopen':
      if (status !== 'withdrawn') return refuse('Only a withdrawn release can be reopened.');
      return { allowed: true, next: 'draft' };
    case 'release':
      if (status !== 'approved') return refuse(finalOnly);
      return finalExport(facts);
  }
}

/**
 * The whole review workflow: whether this person may take this action now, and
 * the state it leads to. The main process asks it on every call, whatever the UI showed.
 */
export function decide(facts: WorkflowFacts, actor: Actor, action: ReviewAction, details: ActionDetails = {}): Decision {
  const allowed = permission(facts, actor, action);
  if (!allowed.allowed) return allowed;
  if (action === 'submit' && !facts.checklistPasses) return refuse('The release is not ready for review: the checklist has items to fix.');
  if (action === 'request-changes' && !details.comment?.trim()) return refuse('Say what needs to change: a comment is required.');
  if (action === 'withdraw' && !details.reason?.trim()) return refuse('Give a reason for withdrawing the release.');
  return allowed;
}

/**
 * Every action a person can take from the editor, each with its verdict for
 * this person now. The details and the checklist are asked for when the
 * action is taken, so they do not hide a button.
 */
export function availableActions(facts: ReleaseFacts, actor: Actor): { action: PersonAction; decision: Decision }[] {
  return personActions.map((action) => ({ action, decision: permission(facts, actor, action) }));
}

export type EditPermission =
  /** lapsesApproval: the first change makes an approved release a draft again, so the editor asks first. */
  { allowed: true; lapsesApproval: boolean } | { allowed: false; reason: string };

/**
 * Whether this person may change the release's content now, and if not, why.
 * Photos, captions and every field are content; comments are not. The store
 * refuses a save that changes content when this says no.
 */
export function editPermission(facts: Pick<ReleaseFacts, 'status' | 'authorId'>, person: { id: number }): EditPermission {
  switch (facts.status) {
    case 'draft':
    case 'changes-requested':
      return { allowed: true, lapsesApproval: false };
    case 'approved':
      return { allowed: true, lapsesApproval: true };
    case 'in-review':
      return {
        allowed: false,
        reason: mayRecall(facts, person)
          ? 'This release is in review, so its text is read-only. Recall it to draft to change it.'
          : 'This release is in review, so its text is read-only. Reviewers can comment on it.',
      };
    case 'released':
      return { allowed: false, reason: 'This release has been released, so its text is read-only.' };
    case 'withdrawn':
      return { allowed: false, reason: 'This release is withdrawn. Reopen it as a draft to edit it.' };
  }
}

/**
 * The state after a save that changed the content. An approval is bound to the
 * content's hash, not to a moment: editing an approved release makes it a draft,
 * and editing it back to exactly the approved content makes that approval
 * current again. approvalMatches says whether an approval that no state change
 * has set aside since hashes to the new content.
 */
export function statusAfterEdit(status: ReleaseStatus, approvalMatches: boolean): ReleaseStatus {
  if (status === 'approved' && !approvalMatches) return 'draft';
  if (status === 'draft' && approvalMatches) return 'approved';
  return status;
}

/**
 * Whether an export now is final (no draft mark) and the state it leaves the
 * release in: only while an approval is current. Exporting a released release
 * again is final too, and keeps it Released.
 */
export function finalExport(facts: Pick<ReleaseFacts, 'status' | 'approvalCurrent'>): Decision {
  if (!facts.approvalCurrent || (facts.status !== 'approved' && facts.status !== 'released')) return refuse(finalOnly);
  return { allowed: true, next: 'released' };
}
