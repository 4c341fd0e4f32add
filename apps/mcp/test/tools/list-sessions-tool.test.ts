import { connect, textOf, type Connected } from '../helpers/connect';

describe('list_sessions', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('lists every session newest first, filtered by status, agent and limit', async () => {
    mcp = await connect();
    const a = await mcp.call('run', { agent: 'coder', prompt: 'remember a', name: 'first', background: false });
    const b = await mcp.call('run', { agent: 'qa/reviewer', prompt: 'remember b', name: 'second', background: false });
    const c = await mcp.call('run', { agent: 'coder', prompt: '[fail] remember c', name: 'third', background: false });

    const all = await mcp.call('list_sessions', {});
    expect(all.isError).toBeFalsy();
    const names = (all.structuredContent!.sessions as Array<{ name: string }>).map((session) => session.name);
    expect(names).toEqual(['third', 'second', 'first']);
    expect(textOf(all)).toContain('3 session(s)');

    const failed = await mcp.call('list_sessions', { status: 'failed' });
    expect(failed.structuredContent!.sessions.map((session: { sessionId: string }) => session.sessionId)).toEqual([c.structuredContent!.sessionId]);

    const reviewer = await mcp.call('list_sessions', { agent: 'qa/reviewer' });
    expect(reviewer.structuredContent!.sessions.map((session: { sessionId: string }) => session.sessionId)).toEqual([b.structuredContent!.sessionId]);

    const newest = await mcp.call('list_sessions', { limit: 1 });
    expect(newest.structuredContent!.sessions).toHaveLength(1);
    expect(a.structuredContent!.sessionId).not.toBe(newest.structuredContent!.sessions[0].sessionId);
  });

  it('says how to start when there are no sessions', async () => {
    mcp = await connect();
    const result = await mcp.call('list_sessions', {});
    expect(result.structuredContent).toEqual({ sessions: [], hasMore: false });
    expect(textOf(result)).toContain('run');
  });

  it('rejects an unknown status', async () => {
    mcp = await connect();
    const result = await mcp.call('list_sessions', { status: 'sleeping' });
    expect(result.isError).toBe(true);
  });
});
