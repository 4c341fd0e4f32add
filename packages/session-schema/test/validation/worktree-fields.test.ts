import { toSessionSummary, validateEntry } from '@genie/session-schema';

const entry = (fields: Record<string, unknown> = {}) => ({ sessionId: 'abc', agent: 'implementor', ...fields });
const worktree = { path: '/repo/.genie/worktrees/fix', branch: 'genie/fix', base: 'a'.repeat(40), repository: '/repo' };

describe('worktree, budget and hook fields of a session record', () => {
  it('keeps records written before these fields valid, and summarises them as absent', () => {
    expect(validateEntry(entry())).toEqual([]);
    const summary = toSessionSummary(entry());
    expect(summary).toMatchObject({ worktree: null, maxBudgetUsd: null, hookFailures: [] });
  });

  it('accepts a worktree session with a budget and recorded hook failures', () => {
    const record = entry({
      worktree: { ...worktree, removedAt: '2026-01-01T00:00:00.000Z' },
      maxBudgetUsd: 2.5,
      notify: true,
      hookFailures: [{ turn: 1, command: ['notify.sh'], error: 'exited with 3', time: '2026-01-01T00:00:00.000Z' }],
    });
    expect(validateEntry(record)).toEqual([]);
    expect(toSessionSummary(record)).toMatchObject({ worktree: { branch: 'genie/fix' }, maxBudgetUsd: 2.5, hookFailures: [{ turn: 1 }] });
  });

  it('rejects a worktree without its branch and a budget that is not positive', () => {
    const { branch: _branch, ...noBranch } = worktree;
    expect(validateEntry(entry({ worktree: noBranch, maxBudgetUsd: 0 }))).toEqual([
      "/worktree: must have required property 'branch'",
      '/maxBudgetUsd: must be > 0',
    ]);
  });
});
