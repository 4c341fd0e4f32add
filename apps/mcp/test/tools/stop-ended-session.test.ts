import { connect, textOf, type Connected } from '../helpers/connect';

describe('stop of a session whose turn had already ended', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('says there was nothing to stop, for a finished session and for a second stop', async () => {
    mcp = await connect();
    const finished = await mcp.call('run', { agent: 'coder', prompt: 'remember done', background: false });
    const stopFinished = await mcp.call('stop', { sessionId: finished.structuredContent!.sessionId });
    expect(stopFinished.structuredContent).toMatchObject({ status: 'completed' });
    expect(textOf(stopFinished)).toContain('nothing to stop');

    const running = await mcp.call('run', { agent: 'coder', prompt: '[sleep:30000] remember long' });
    // Once running, the turn is in the log and its end can be told from this stop's.
    while ((await mcp.call('view', { sessionId: running.structuredContent!.sessionId })).structuredContent!.status !== 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const first = await mcp.call('stop', { sessionId: running.structuredContent!.sessionId });
    expect(first.structuredContent).toMatchObject({ status: 'stopped' });
    expect(textOf(first)).not.toContain('nothing to stop');
    const second = await mcp.call('stop', { sessionId: running.structuredContent!.sessionId });
    expect(second.structuredContent).toMatchObject({ status: 'stopped' });
    expect(textOf(second)).toContain('nothing to stop');
  });
});
