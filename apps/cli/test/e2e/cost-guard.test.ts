import { parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('the cost guard (--max-budget-usd)', () => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('helper', 'claude');

  it('refuses a resume once the recorded cost reaches the budget, and continues with a higher one', async () => {
    const first = await workspace.json(['run', 'helper', 'remember jade', '--name', 'thrifty', '--max-budget-usd', '0.00001', '--no-background']);
    expect(first).toMatchObject({ status: 'completed', maxBudgetUsd: 0.00001 });
    expect(first.costUsd).toBeGreaterThan(0.00001);

    const refused = await workspace.genie(['resume', 'thrifty', 'again', '--json']);
    expect(refused.code).toBe(2);
    expect(parseJsonDocument<{ error: { code: string; hint: string } }>(refused).error).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      hint: expect.stringContaining('--max-budget-usd'),
    });
    expect((await workspace.json(['view', 'thrifty'])).turns).toBe(1);

    const list = await workspace.genie(['list', 'sessions']);
    expect(list.stdout).toMatch(/COST/);
    expect(list.stdout).toMatch(/\$0\.\d{4}\/\$0\.00001/);
    expect(list.stdout).not.toContain('$0.00 ');

    const raised = await workspace.json<SessionJson>(['resume', 'thrifty', 'what did I ask you to remember?', '--max-budget-usd', '1', '--no-background']);
    expect(raised).toMatchObject({ status: 'completed', turns: 2, maxBudgetUsd: 1, answer: 'You asked me to remember jade.' });
  });

  it('refuses a budget that is not a positive amount, starting nothing', async () => {
    const result = await workspace.genie(['run', 'helper', 'hi', '--max-budget-usd', 'ten']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--max-budget-usd must be a positive amount of US dollars, got "ten"');
    expect(Object.values(workspace.readStore().sessions).map((session) => session.name)).toEqual(['thrifty']);
  });
});
