import { connect, textOf, type Connected } from '../helpers/connect';

describe('resume', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it.each([
    ['coder', 'claude'],
    ['qa/reviewer', 'codex'],
  ])('continues the conversation of %s (%s), found by name, keeping the session id', async (agent) => {
    mcp = await connect();
    const first = await mcp.call('run', { agent, prompt: 'remember the blue door', name: 'recall-me' });
    const { sessionId } = first.structuredContent!;
    await mcp.call('wait', { sessionId });
    const resumed = await mcp.call('resume', { sessionId: 'recall-me', prompt: 'what did I ask you to remember?' });
    expect(resumed.isError).toBeFalsy();
    expect(resumed.structuredContent!.sessionId).toBe(sessionId);
    const done = await mcp.call('wait', { sessionId });
    expect(done.structuredContent).toMatchObject({ status: 'completed', turns: 2, answer: 'You asked me to remember the blue door.' });
  });

  it('accepts a unique id prefix and can wait for the turn itself', async () => {
    mcp = await connect();
    const first = await mcp.call('run', { agent: 'coder', prompt: 'remember seven', background: false });
    const prefix = (first.structuredContent!.sessionId as string).slice(0, 8);
    const resumed = await mcp.call('resume', { sessionId: prefix, prompt: 'what did I ask you to remember?', background: false });
    expect(resumed.structuredContent).toMatchObject({ status: 'completed', answer: 'You asked me to remember seven.' });
  });

  it('answers an unknown session with an error that suggests list_sessions', async () => {
    mcp = await connect();
    const result = await mcp.call('resume', { sessionId: 'nope-nope', prompt: 'hello' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('SESSION_NOT_FOUND');
    expect(textOf(result)).toContain('list_sessions');
  });

  it('refuses to resume a shell session unless the config allows the shell agent', async () => {
    mcp = await connect();
    const shellSession = await mcp.genie.run({ agent: 'shell', prompt: 'echo first', background: false });
    const result = await mcp.call('resume', { sessionId: shellSession.sessionId, prompt: 'touch pwned' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('FORBIDDEN');
    const after = await mcp.genie.view({ session: shellSession.sessionId });
    expect(after.turns).toBe(1);
  });
});
