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

/** What a person can do to a release's state. Releasing is done by a final export. */
export const reviewActions = ['submit', 'approve', 'request-changes', 'withdraw', 'reopen', 'release'] as const;
export const reviewActionSchema = z.enum(reviewActions);
export type ReviewAction = (typeof reviewActions)[number];

export interface Actor {
  id: number;
  role: Role;
}

export interface WorkflowFacts {
  status: ReleaseStatus;
  authorId: number;
  lastEditorId: number;
  /** Whether the submission checklist has no blocking failures. */
  checklistPasses: boolean;
  /** Whether the latest approval's content hash matches the content now. */
  approvalCurrent: boolean;
}

export interface ActionDetails {
  /** Required when requesting changes. */
  comment?: string;
  /** Required when withdrawing. */
  reason?: string;
}

export type Decision = { allowed: true; next: ReleaseStatus } | { allowed: false; reason: string };

const refuse = (reason: string): Decision => ({ allowed: false, reason });

/**
 * The whole review workflow: whether this person may take this action now, and
 * the state it leads to. The main process asks it on every call; the UI asks it
 * only to decide which buttons to show.
 */
export function decide(facts: WorkflowFacts, actor: Actor, action: ReviewAction, details: ActionDetails = {}): Decision {
  const { status } = facts;
  switch (action) {
    case 'submit':
      if (status !== 'draft' && status !== 'changes-requested') return refuse(`A release that is ${statusLabels[status]} cannot be submitted for review.`);
      if (!facts.checklistPasses) return refuse('The release is not ready for review: the checklist has items to fix.');
      return { allowed: true, next: 'in-review' };
    case 'approve':
      if (status !== 'in-review') return refuse(`Only a release in review can be approved; this one is ${statusLabels[status]}.`);
      if (actor.role !== 'reviewer') return refuse('Only a reviewer can approve a release.');
      if (actor.id === facts.authorId) return refuse('You wrote this release, so someone else must approve it (a second pair of eyes).');
      if (actor.id === facts.lastEditorId) return refuse('You edited this release last, so someone else must approve it (a second pair of eyes).');
      return { allowed: true, next: 'approved' };
    case 'request-changes':
      if (status !== 'in-review') return refuse(`Changes can only be requested on a release in review; this one is ${statusLabels[status]}.`);
      if (actor.role !== 'reviewer') return refuse('Only a reviewer can request changes.');
      if (!details.comment?.trim()) return refuse('Say what needs to change: a comment is required.');
      return { allowed: true, next: 'changes-requested' };
    case 'withdraw':
      if (status === 'withdrawn') return refuse('This release is already withdrawn.');
      if (!details.reason?.trim()) return refuse('Give a reason for withdrawing the release.');
      return { allowed: true, next: 'withdrawn' };
    case 'reopen':
      if (status !== 'withdrawn') return refuse('Only a withdrawn release can be reopened.');
      return { allowed: true, next: 'draft' };
    case 'release':
      if (status !== 'approved' || !facts.approvalCurrent) return refuse('Only a release with a current approval can be released.');
      return { allowed: true, next: 'released' };
  }
}

/** Whether the text may be changed in this state (an approved release may, and goes back to Draft). */
export function isEditable(status: ReleaseStatus): boolean {
  return status === 'draft' || status === 'changes-requested' || status === 'approved';
}

/** The state after the content changed: any change undoes an approval. */
export function statusAfterContentChange(status: ReleaseStatus): ReleaseStatus {
  return status === 'approved' ? 'draft' : status;
}
