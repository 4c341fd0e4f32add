import { connect, textOf, type Connected } from '../helpers/connect';

/**
 * An MCP client is a model, not a person at a shell: an error result must name the next
 * tool call, never a `genie ...` command line or a CLI flag it cannot pass.
 */
function expectNoCliAdvice(text: string): void {
  expect(text).not.toMatch(/`genie /);
  expect(text).not.toContain('--name');
  expect(text).not.toContain('--follow');
  expect(text).not.toMatch(/--(worktree|base|max-budget-usd|full)\b/);
}

describe('error results speak MCP, not the CLI', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('an unknown agent suggests only agents the client may run (never the hidden shell agent)', async () => {
    mcp = await connect();
    const result = await mcp.call('run', { agent: 'shel', prompt: 'hello' });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/^\[AGENT_NOT_FOUND\] Agent "shel" not found\./);
    expect(text).not.toMatch(/\bshell\b/);
    expect(text).toContain('Available agents: coder, qa/reviewer.');
    expectNoCliAdvice(text);
  });

  it('a prompt holding a NUL is refused as invalid input, and no session is recorded', async () => {
    mcp = await connect();
    const result = await mcp.call('run', { agent: 'coder', prompt: 'say a\u0000b' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^\[INVALID_INPUT\] The prompt contains a NUL character/);
    expectNoCliAdvice(textOf(result));
    const sessions = await mcp.call('list_sessions', {});
    expect((sessions.structuredContent as { sessions: unknown[] }).sessions).toEqual([]);
  });

  it('a taken name says to pass another name, not another --name', async () => {
    mcp = await connect();
    await mcp.call('run', { agent: 'coder', prompt: 'remember one', name: 'taken', background: false });
    const result = await mcp.call('run', { agent: 'coder', prompt: 'remember two', name: 'taken' });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('[NAME_TAKEN]');
    expect(text).toContain('name');
    expectNoCliAdvice(text);
  });

  it('a name that is not allowed says so in terms of the name parameter', async () => {
    mcp = await connect();
    const result = await mcp.call('run', { agent: 'coder', prompt: 'hello', name: 'two words' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('[INVALID_INPUT]');
    expectNoCliAdvice(textOf(result));
  });

  it('resuming a running session points to wait and stop', async () => {
    mcp = await connect();
    await mcp.call('run', { agent: 'coder', prompt: '[sleep:20000] remember slow', name: 'busy' });
    const result = await mcp.call('resume', { sessionId: 'busy', prompt: 'hello' });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('[SESSION_BUSY]');
    expect(text).toContain('wait');
    expectNoCliAdvice(text);
  });

  it('an unknown session points to list_sessions only', async () => {
    mcp = await connect();
    const result = await mcp.call('view', { sessionId: 'no-such-session' });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('[SESSION_NOT_FOUND]');
    expect(text).toContain('list_sessions');
    expectNoCliAdvice(text);
  });

  it('an agent reference that may not be used points to list_agents', async () => {
    mcp = await connect();
    const result = await mcp.call('run', { agent: '../outside', prompt: 'hello' });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/^\[INVALID_INPUT\] Agent reference "..\/outside" is not allowed/);
    expect(text).toContain('list_agents');
    expectNoCliAdvice(text);
  });

  it('base without worktree names the run parameters', async () => {
    mcp = await connect();
    const result = await mcp.call('run', { agent: 'coder', prompt: 'hello', base: 'main' });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('[INVALID_INPUT]');
    expect(text).toContain('worktree: true');
    expectNoCliAdvice(text);
  });

  it('a worktree outside a git repository says to leave out worktree', async () => {
    mcp = await connect();
    const result = await mcp.call('run', { agent: 'coder', prompt: 'hello', worktree: true });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('[NOT_A_GIT_REPOSITORY]');
    expect(text).toContain('without worktree');
    expectNoCliAdvice(text);
  });

  it('a spent budget says to resume with a higher maxBudgetUsd', async () => {
    mcp = await connect();
    const first = await mcp.call('run', { agent: 'coder', prompt: `remember ${'x'.repeat(2000)}`, name: 'thrifty', maxBudgetUsd: 0.000001, background: false });
    expect(first.structuredContent!.costUsd).toBeGreaterThan(0.000001);
    const result = await mcp.call('resume', { sessionId: 'thrifty', prompt: 'go on' });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('[BUDGET_EXCEEDED]');
    expect(text).toContain('maxBudgetUsd');
    expectNoCliAdvice(text);
  });
});
