import { connect, textOf, type Connected } from '../helpers/connect';

describe('wait', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('returns once the turn ends, with the final answer and status', async () => {
    mcp = await connect();
    const started = await mcp.call('run', { agent: 'coder', prompt: '[sleep:500] remember violet' });
    const result = await mcp.call('wait', { sessionId: started.structuredContent!.sessionId });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ finished: true, status: 'completed', answer: 'OK, I will remember violet.' });
    expect(textOf(result)).toContain('OK, I will remember violet.');
  });

  it('returns finished: false when the timeout passes first, and the session keeps running', async () => {
    mcp = await connect();
    const started = await mcp.call('run', { agent: 'coder', prompt: '[sleep:20000] remember slow' });
    const result = await mcp.call('wait', { sessionId: started.structuredContent!.name, timeoutSeconds: 0.5 });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ finished: false, sessionId: started.structuredContent!.sessionId });
    expect(['starting', 'running']).toContain(result.structuredContent!.status);
    expect(textOf(result)).toContain('call wait again');
  });

  it('sends the messages seen so far as progress notifications when given a progress token', async () => {
    mcp = await connect();
    const started = await mcp.call('run', { agent: 'coder', prompt: '[stream:3] remember lime' });
    const messages: string[] = [];
    const result = await mcp.client.callTool(
      { name: 'wait', arguments: { sessionId: started.structuredContent!.sessionId } },
      undefined,
      { onprogress: (update) => messages.push(update.message ?? '') },
    );
    expect(result.structuredContent).toMatchObject({ finished: true, answer: 'OK, I will remember lime.' });
    expect(messages).toEqual(expect.arrayContaining(['Progress 1/3', 'Progress 2/3', 'Progress 3/3', 'OK, I will remember lime.']));
  });

  it('sends no progress notifications when the client gave no progress token', async () => {
    mcp = await connect();
    const notifications: unknown[] = [];
    mcp.client.fallbackNotificationHandler = async (notification) => void notifications.push(notification);
    const started = await mcp.call('run', { agent: 'coder', prompt: '[stream:2] remember rose' });
    await mcp.call('wait', { sessionId: started.structuredContent!.sessionId });
    expect(notifications).toEqual([]);
  });

  it('stops waiting, not the agent, when the client cancels', async () => {
    mcp = await connect();
    const started = await mcp.call('run', { agent: 'coder', prompt: '[sleep:20000] remember patience' });
    const controller = new AbortController();
    const waiting = mcp.client.callTool(
      { name: 'wait', arguments: { sessionId: started.structuredContent!.sessionId, timeoutSeconds: 600 } },
      undefined,
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort('enough'), 300);
    await expect(waiting).rejects.toThrow(/enough|abort/i);
    const view = await mcp.call('view', { sessionId: started.structuredContent!.sessionId });
    expect(['starting', 'running']).toContain(view.structuredContent!.status);
  });

  it('answers an unknown session with an error that suggests list_sessions', async () => {
    mcp = await connect();
    const result = await mcp.call('wait', { sessionId: 'no-such-session' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('SESSION_NOT_FOUND');
    expect(textOf(result)).toContain('list_sessions');
  });
});
