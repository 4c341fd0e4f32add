import fs from 'node:fs';
import path from 'node:path';
import { openGenie, type Genie } from '../../src/index';
import { errorOf } from '../helpers/error-of';
import { makeTempDir, makeWorkspace, removeTempDirs } from '../helpers/temp-workspace';
import { doublesEnv } from '../helpers/test-genie';

const opened: Genie[] = [];
afterAll(async () => {
  for (const genie of opened) await genie.close();
  removeTempDirs();
});

const AGENTS = { 'agents/helper.md': '---\ngenie:\n  executor: claude\n---\nYou help.\n' };

/** The `--max-budget-usd` value of each claude turn, from the double's argv log. */
function budgetsPassed(argvLog: string): Array<string | null> {
  return fs
    .readFileSync(argvLog, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line).argv as string[])
    .map((argv) => (argv.includes('--max-budget-usd') ? (argv[argv.indexOf('--max-budget-usd') + 1] ?? null) : null));
}

describe('the cost guard (--max-budget-usd)', () => {
  it('passes what is left to claude each turn and refuses a resume once the budget is spent', async () => {
    const argvLog = path.join(makeTempDir('genie-argv-'), 'argv.jsonl');
    const genie = await openGenie({ cwd: makeWorkspace(AGENTS), env: { ...doublesEnv(), GENIE_DOUBLE_ARGV_LOG: argvLog } });
    opened.push(genie);
    const first = await genie.run({ agent: 'helper', prompt: 'remember teal', maxBudgetUsd: 0.00001, background: false });
    expect(first).toMatchObject({ status: 'completed', maxBudgetUsd: 0.00001 });
    expect(first.costUsd).toBeGreaterThan(0.00001);

    const refused = await errorOf(genie.resume({ session: first.sessionId, prompt: 'again', background: false }));
    expect(refused.code).toBe('BUDGET_EXCEEDED');
    expect(refused.hint).toContain('--max-budget-usd');
    // A budget under a cent is named as it was set, never as $0.00.
    expect(refused.message).toMatch(/has spent \$0\.\d{4} of its \$0\.00001 budget/);
    const unchanged = await genie.view({ session: first.sessionId });
    expect(unchanged.turns).toBe(1);

    const raised = await genie.resume({ session: first.sessionId, prompt: 'what did I ask you to remember?', maxBudgetUsd: 1, background: false });
    expect(raised).toMatchObject({ status: 'completed', turns: 2, maxBudgetUsd: 1, answer: 'You asked me to remember teal.' });
    const remaining = Math.round((1 - (first.costUsd as number)) * 1e6) / 1e6;
    expect(budgetsPassed(argvLog)).toEqual(['0.00001', String(remaining)]);
  });

  it('refuses a budget that is not a positive amount and records nothing', async () => {
    const genie = await openGenie({ cwd: makeWorkspace(AGENTS), env: doublesEnv() });
    opened.push(genie);
    expect((await errorOf(genie.run({ agent: 'helper', prompt: 'hi', maxBudgetUsd: 0 }))).code).toBe('INVALID_INPUT');
    expect((await errorOf(genie.run({ agent: 'helper', prompt: 'hi', maxBudgetUsd: Number.NaN }))).code).toBe('INVALID_INPUT');
    expect(await genie.listSessions()).toEqual([]);
  });
});
