import { connect, textOf, type Connected } from '../helpers/connect';

describe('stop', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('stops a running turn and the session shows stopped', async () => {
    mcp = await connect();
    const started = await mcp.call('run', { agent: 'coder', prompt: '[sleep:30000] remember forever' });
    const { sessionId } = started.structuredContent!;
    const stopped = await mcp.call('stop', { sessionId });
    expect(stopped.isError).toBeFalsy();
    expect(stopped.structuredContent).toMatchObject({ sessionId, status: 'stopped' });
    const listed = await mcp.call('list_sessions', {});
    expect(listed.structuredContent!.sessions[0]).toMatchObject({ sessionId, status: 'stopped' });
  });

  it('answers an unknown session with an error that suggests list_sessions', async () => {
    mcp = await connect();
    const result = await mcp.call('stop', { sessionId: 'ghost-session' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('list_sessions');
  });
});
