import { describe, expect, it } from 'vitest';
import { releaseMethods } from './releases';

const id = '5f0b8c1e-1111-4a4a-9b9b-123456789abc';

describe('the releases contract', () => {
  it('takes every workflow action a person can ask for, recall included, but never releasing (a final export does that)', () => {
    const { input } = releaseMethods.transitionRelease;
    for (const action of ['submit', 'approve', 'request-changes', 'recall', 'withdraw', 'reopen']) {
      expect(input.safeParse({ id, action, baseVersion: 3 }).success, action).toBe(true);
    }
    expect(input.safeParse({ id, action: 'release', baseVersion: 3 }).success).toBe(false);
  });

  it('answers a save with the state and the approval after it, since a save can lapse or restore an approval', () => {
    const { output } = releaseMethods.saveRelease;
    const saved = { version: 4, updatedAt: '2026-12-01T09:30:00.000Z', status: 'approved' };
    expect(output.safeParse({ ...saved, approval: { approverName: 'Badr Saleh', approvedAt: '2026-12-01T09:00:00.000Z' } }).success).toBe(
      true,
    );
    expect(output.safeParse({ ...saved, status: 'draft', approval: null }).success).toBe(true);
    expect(output.safeParse(saved).success).toBe(false);
  });
});
