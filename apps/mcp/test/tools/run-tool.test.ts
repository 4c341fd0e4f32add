import { connect, textOf, type Connected } from '../helpers/connect';

describe('run', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('returns the session id and name while the agent is still working', async () => {
    mcp = await connect();
    const result = await mcp.call('run', { agent: 'coder', prompt: '[sleep:3000] remember teal' });
    expect(result.isError).toBeFalsy();
    const session = result.structuredContent!;
    expect(session.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.name).toMatch(/^coder-\d{10}$/);
    expect(session.agent).toBe('coder');
    expect(['starting', 'running']).toContain(session.status);
    expect(textOf(result)).toContain(session.sessionId);
    expect(textOf(result)).toContain('wait');
  });

  it('keeps a requested name, and refuses a name that is taken', async () => {
    mcp = await connect();
    const first = await mcp.call('run', { agent: 'coder', prompt: 'remember one', name: 'my-task' });
    expect(first.structuredContent?.name).toBe('my-task');
    const second = await mcp.call('run', { agent: 'coder', prompt: 'remember two', name: 'my-task' });
    expect(second.isError).toBe(true);
    expect(textOf(second)).toContain('NAME_TAKEN');
    await mcp.call('wait', { sessionId: 'my-task' });
  });

  it('with background: false waits for the answer and reports progress to a client that asked', async () => {
    mcp = await connect();
    const progress: Array<{ progress: number; message?: string }> = [];
    const result = (await mcp.client.callTool(
      { name: 'run', arguments: { agent: 'coder', prompt: '[stream:3] remember amber', background: false } },
      undefined,
      { onprogress: (update) => progress.push(update) },
    )) as { structuredContent?: Record<string, unknown>; isError?: boolean };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: 'completed', answer: 'OK, I will remember amber.' });
    expect(progress.map((update) => update.message)).toEqual(
      expect.arrayContaining(['Progress 1/3', 'Progress 2/3', 'Progress 3/3', 'OK, I will remember amber.']),
    );
    const steps = progress.map((update) => update.progress);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });

  it('answers an unknown agent with an error that lists the available agents', async () => {
    mcp = await connect();
    const result = await mcp.call('run', { agent: 'nobody', prompt: 'hello' });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain('AGENT_NOT_FOUND');
    expect(text).toContain('Available agents: coder, qa/reviewer.');
    expect(await mcp.genie.listSessions()).toEqual([]);
  });

  it.each(['shell', 'SHELL', 'shell.md', ' shell '])('refuses the shell agent (%j) by default and starts nothing', async (agent) => {
    mcp = await connect();
    const result = await mcp.call('run', { agent, prompt: 'touch pwned' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('FORBIDDEN');
    expect(textOf(result)).toContain('allowShell');
    // The server reads the config when it starts: enabling it takes a restart.
    expect(textOf(result)).toContain('restart');
    expect(await mcp.genie.listSessions()).toEqual([]);
  });

  it('runs the shell agent when the workspace config allows it', async () => {
    mcp = await connect({ allowShell: true });
    const result = await mcp.call('run', { agent: 'shell', prompt: 'echo from-shell', background: false });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ agent: 'shell', status: 'completed', exitCode: 0 });
    expect(textOf(result)).toContain('from-shell');
  });

  it('rejects input that breaks the schema without starting anything', async () => {
    mcp = await connect();
    const result = await mcp.call('run', { agent: 'coder', prompt: '' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/prompt/);
    expect(await mcp.genie.listSessions()).toEqual([]);
  });
});
