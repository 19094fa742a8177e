import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, isEditable, releaseStatuses, reviewActions, statusAfterContentChange, type Actor, type ReleaseStatus, type ReviewAction, type WorkflowFacts } from './workflow';

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
  withdraw: { draft: 'withdrawn', 'in-review': 'withdrawn', 'changes-requested': 'withdrawn', approved: 'withdrawn', released: 'withdrawn' },
  reopen: { withdrawn: 'draft' },
  release: { approved: 'released' },
};

describe('workflow', () => {
  for (const action of reviewActions) {
    for (const status of releaseStatuses) {
      const expected = allowed[action][status];
      it(`${action} from ${status}: ${expected ?? 'refused'}`, () => {
        const decision = decide(facts(status), reviewer, action, details);
        expect(decision.allowed ? decision.next : 'refused').toBe(expected ?? 'refused');
      });
    }
  }

  it('lets nobody approve a release they wrote or last edited', () => {
    const author: Actor = { id: 5, role: 'reviewer' };
    expect(decide(facts('in-review', { authorId: 5 }), author, 'approve')).toMatchObject({ allowed: false, reason: expect.stringMatching(/You wrote this release/) });
    expect(decide(facts('in-review', { lastEditorId: 5 }), author, 'approve')).toMatchObject({ allowed: false, reason: expect.stringMatching(/You edited this release last/) });
  });

  it('leaves approving and requesting changes to reviewers', () => {
    const otherWriter: Actor = { id: 9, role: 'writer' };
    expect(decide(facts('in-review'), otherWriter, 'approve').allowed).toBe(false);
    expect(decide(facts('in-review'), otherWriter, 'request-changes', details).allowed).toBe(false);
  });

  it('requires a comment to request changes and a reason to withdraw', () => {
    expect(decide(facts('in-review'), reviewer, 'request-changes', { comment: '  ' })).toMatchObject({ allowed: false, reason: expect.stringMatching(/comment is required/) });
    expect(decide(facts('draft'), writer, 'withdraw', {})).toMatchObject({ allowed: false, reason: expect.stringMatching(/reason/) });
  });

  it('blocks submission while the checklist fails', () => {
    expect(decide(facts('draft', { checklistPasses: false }), writer, 'submit').allowed).toBe(false);
  });

  it('releases only with a current approval', () => {
    expect(decide(facts('approved', { approvalCurrent: false }), reviewer, 'release').allowed).toBe(false);
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
    fc.record({ kind: fc.constant('action' as const), action: fc.constantFrom(...reviewActions), person: fc.integer({ min: 0, max: 3 }), withText: fc.boolean() }),
    fc.record({ kind: fc.constant('edit' as const), person: fc.integer({ min: 0, max: 3 }) }),
  );

  it('never reaches an invalid state, never lets an author approve, never shows a stale approval', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.array(step, { maxLength: 40 }), (authorIndex, steps) => {
        const author = people[authorIndex]!;
        let status: ReleaseStatus = 'draft';
        let lastEditorId = author.id;
        let contentVersion = 0;
        let approval: { by: number; contentVersion: number } | null = null;
        const approvalShown = () => (approval && approval.contentVersion === contentVersion && (status === 'approved' || status === 'released') ? approval : null);

        for (const current of steps) {
          const person = people[current.person]!;
          if (current.kind === 'edit') {
            if (!isEditable(status)) continue;
            contentVersion++;
            lastEditorId = person.id;
            status = statusAfterContentChange(status);
          } else {
            const text = current.withText ? { comment: 'Please fix', reason: 'Pulled' } : {};
            const decision = decide({ status, authorId: author.id, lastEditorId, checklistPasses: true, approvalCurrent: approvalShown() !== null }, person, current.action, text);
            if (!decision.allowed) continue;
            if (current.action === 'approve') {
              expect(person.id).not.toBe(author.id);
              expect(person.id).not.toBe(lastEditorId);
              expect(person.role).toBe('reviewer');
              approval = { by: person.id, contentVersion };
            }
            status = decision.next;
          }
          expect(releaseStatuses).toContain(status);
          if (status === 'approved') expect(approvalShown()).not.toBeNull();
        }
      }),
      { numRuns: 2000 },
    );
  });
});
