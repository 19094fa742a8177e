import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableActions,
  decide,
  editPermission,
  finalExport,
  releaseStatuses,
  reviewActions,
  statusAfterEdit,
  type Actor,
  type ReleaseStatus,
  type ReviewAction,
  type WorkflowFacts,
} from './workflow';

const writer: Actor = { id: 1, role: 'writer' };
const reviewer: Actor = { id: 2, role: 'reviewer' };
const facts = (status: ReleaseStatus, overrides: Partial<WorkflowFacts> = {}): WorkflowFacts => ({
  status,
  authorId: writer.id,
  lastEditorId: writer.id,
  checklistPasses: true,
  approvalCurrent: status === 'approved' || status === 'released',
  ...overrides,
});
const details = { comment: 'Check the figures', reason: 'Superseded' };

/** Every allowed transition; anything not listed here must be refused. */
const allowed: Record<ReviewAction, Partial<Record<ReleaseStatus, ReleaseStatus>>> = {
  submit: { draft: 'in-review', 'changes-requested': 'in-review' },
  approve: { 'in-review': 'approved' },
  'request-changes': { 'in-review': 'changes-requested' },
  recall: { 'in-review': 'draft' },
  withdraw: {
    draft: 'withdrawn',
    'in-review': 'withdrawn',
    'changes-requested': 'withdrawn',
    approved: 'withdrawn',
    released: 'withdrawn',
  },
  reopen: { withdrawn: 'draft' },
  release: { approved: 'released' },
};
/** Who takes each action in the table: recalling is the author's, the rest a reviewer's who did not write it. */
const actorFor = (action: ReviewAction) => (action === 'recall' ? writer : reviewer);

describe('workflow', () => {
  for (const action of reviewActions) {
    for (const status of releaseStatuses) {
      const expected = allowed[action][status];
      it(`${action} from ${status}: ${expected ?? 'refused'}`, () => {
        const decision = decide(facts(status), actorFor(action), action, details);
        expect(decision.allowed ? decision.next : 'refused').toBe(expected ?? 'refused');
      });
    }
  }

  it('lets nobody approve a release they wrote or last edited', () => {
    const author: Actor = { id: 5, role: 'reviewer' };
    expect(decide(facts('in-review', { authorId: 5 }), author, 'approve')).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/You wrote this release/),
    });
    expect(decide(facts('in-review', { lastEditorId: 5 }), author, 'approve')).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/You edited this release last/),
    });
  });

  it('leaves approving and requesting changes to reviewers', () => {
    const otherWriter: Actor = { id: 9, role: 'writer' };
    expect(decide(facts('in-review'), otherWriter, 'approve').allowed).toBe(false);
    expect(decide(facts('in-review'), otherWriter, 'request-changes', details).allowed).toBe(false);
  });

  it('requires a comment to request changes and a reason to withdraw', () => {
    expect(decide(facts('in-review'), reviewer, 'request-changes', { comment: '  ' })).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/comment is required/),
    });
    expect(decide(facts('draft'), writer, 'withdraw', {})).toMatchObject({ allowed: false, reason: expect.stringMatching(/reason/) });
  });

  it('blocks submission while the checklist fails', () => {
    expect(decide(facts('draft', { checklistPasses: false }), writer, 'submit').allowed).toBe(false);
  });

  it('releases only with a current approval', () => {
    expect(decide(facts('approved', { approvalCurrent: false }), reviewer, 'release').allowed).toBe(false);
  });

  it('lets only the author recall a release from review', () => {
    expect(decide(facts('in-review'), writer, 'recall')).toEqual({ allowed: true, next: 'draft' });
    expect(decide(facts('in-review'), reviewer, 'recall')).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/Only the author/),
    });
    expect(decide(facts('in-review', { lastEditorId: reviewer.id }), reviewer, 'recall').allowed).toBe(false);
  });
});

describe('what a person may do now', () => {
  const offered = (status: ReleaseStatus, actor: Actor, overrides: Partial<WorkflowFacts> = {}) =>
    availableActions(facts(status, overrides), actor)
      .map(({ action, decision }) => (decision.allowed ? action : decision.showDisabled ? `(${action}: ${decision.reason})` : null))
      .filter(Boolean);

  it('offers each person the actions that fit the state and their role, without asking for details first', () => {
    expect(offered('draft', writer)).toEqual(['submit', 'withdraw']);
    expect(offered('in-review', writer)).toEqual(['recall', 'withdraw']);
    expect(offered('in-review', reviewer)).toEqual(['approve', 'request-changes', 'withdraw']);
    expect(offered('withdrawn', reviewer)).toEqual(['reopen']);
    // Submitting runs the checklist when clicked; a failing checklist does not hide the button.
    expect(offered('draft', writer, { checklistPasses: false })).toContain('submit');
  });

  it('shows a reviewer who wrote or last edited the release why they cannot approve it', () => {
    const author: Actor = { id: writer.id, role: 'reviewer' };
    expect(offered('in-review', author)).toEqual([
      '(approve: You wrote this release, so someone else must approve it (a second pair of eyes).)',
      'request-changes',
      'recall',
      'withdraw',
    ]);
    expect(offered('in-review', reviewer, { lastEditorId: reviewer.id })[0]).toMatch(/^\(approve: You edited this release last/);
  });

  it('gives the reason a release is read-only, and asks before an edit lapses an approval', () => {
    expect(editPermission(facts('draft'), reviewer)).toEqual({ allowed: true, lapsesApproval: false });
    expect(editPermission(facts('changes-requested'), writer)).toEqual({ allowed: true, lapsesApproval: false });
    expect(editPermission(facts('approved'), writer)).toEqual({ allowed: true, lapsesApproval: true });
    expect(editPermission(facts('in-review'), writer)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/read-only\. Recall it to draft/),
    });
    expect(editPermission(facts('in-review'), reviewer)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/read-only\. Reviewers can comment/),
    });
    expect(editPermission(facts('released'), writer).allowed).toBe(false);
    expect(editPermission(facts('withdrawn'), writer)).toMatchObject({ allowed: false, reason: expect.stringMatching(/Reopen it/) });
  });

  it('makes an export final only while an approval is current; a released release stays released', () => {
    expect(finalExport(facts('approved'))).toEqual({ allowed: true, next: 'released' });
    expect(finalExport(facts('released'))).toEqual({ allowed: true, next: 'released' });
    for (const status of releaseStatuses) expect(finalExport(facts(status, { approvalCurrent: false })).allowed).toBe(false);
    expect(finalExport(facts('draft', { approvalCurrent: true })).allowed).toBe(false);
  });
});

describe('state after an edit', () => {
  it('lapses an approval on change and makes it current again when the content is back to the approved hash', () => {
    expect(statusAfterEdit('approved', false)).toBe('draft');
    expect(statusAfterEdit('draft', true)).toBe('approved');
    expect(statusAfterEdit('draft', false)).toBe('draft');
    expect(statusAfterEdit('changes-requested', false)).toBe('changes-requested');
  });
});

/**
 * A model release driven by random people taking random actions, including
 * edits; the same rules the store applies, checked for what must never happen.
 */
describe('workflow under random use', () => {
  const people: Actor[] = [
    { id: 1, role: 'writer' },
    { id: 2, role: 'writer' },
    { id: 3, role: 'reviewer' },
    { id: 4, role: 'reviewer' },
  ];
  const step = fc.oneof(
    fc.record({
      kind: fc.constant('action' as const),
      action: fc.constantFrom(...reviewActions),
      person: fc.integer({ min: 0, max: 3 }),
      withText: fc.boolean(),
    }),
    // Few distinct contents, so that edits often come back to the approved one.
    fc.record({ kind: fc.constant('edit' as const), person: fc.integer({ min: 0, max: 3 }), content: fc.integer({ min: 0, max: 2 }) }),
  );

  it('never reaches an invalid state, never lets an author approve, never shows a stale approval', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.array(step, { maxLength: 40 }), (authorIndex, steps) => {
        const author = people[authorIndex]!;
        let status: ReleaseStatus = 'draft';
        let lastEditorId = author.id;
        let content = 0;
        // An approval binds a content; a state change other than approving or releasing sets it aside for good.
        let approval: { by: number; content: number; setAside: boolean } | null = null;
        const approvalMatches = () => approval !== null && !approval.setAside && approval.content === content;

        for (const current of steps) {
          const person = people[current.person]!;
          if (current.kind === 'edit') {
            if (!editPermission({ status, authorId: author.id }, person).allowed || current.content === content) continue;
            content = current.content;
            lastEditorId = person.id;
            status = statusAfterEdit(status, approvalMatches());
          } else {
            const text = current.withText ? { comment: 'Please fix', reason: 'Pulled' } : {};
            const shown = approvalMatches() && (status === 'approved' || status === 'released');
            const decision = decide(
              { status, authorId: author.id, lastEditorId, checklistPasses: true, approvalCurrent: shown },
              person,
              current.action,
              text,
            );
            if (!decision.allowed) continue;
            if (current.action === 'approve') {
              expect(person.id).not.toBe(author.id);
              expect(person.id).not.toBe(lastEditorId);
              expect(person.role).toBe('reviewer');
              approval = { by: person.id, content, setAside: false };
            }
            if (current.action === 'recall') expect(person.id).toBe(author.id);
            status = decision.next;
            if (approval && status !== 'approved' && status !== 'released') approval.setAside = true;
          }
          expect(releaseStatuses).toContain(status);
          // Approved exactly when an approval in force matches the content: never stale, never forgotten.
          if (status === 'approved' || status === 'released') expect(approvalMatches()).toBe(true);
          if (status === 'draft') expect(approvalMatches()).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
