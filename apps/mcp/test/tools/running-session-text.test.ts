import { connect, textOf, type Connected } from '../helpers/connect';

/** The text a model reads must not pass off an earlier turn's answer as the running turn's. */
describe('text of a session whose turn is still running', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('a timed-out wait says once, plainly, to call wait again', async () => {
    mcp = await connect();
    const started = await mcp.call('run', { agent: 'coder', prompt: '[sleep:20000] remember slow' });
    const result = await mcp.call('wait', { sessionId: started.structuredContent!.sessionId, timeoutSeconds: 0.5 });
    const text = textOf(result);
    expect(text.match(/call wait/g)).toHaveLength(1);
    expect(text).toContain('call wait again');
  });

  it('a resumed session that is running again shows the earlier answer as the previous turn’s', async () => {
    mcp = await connect();
    await mcp.call('run', { agent: 'coder', prompt: 'remember amber', name: 'again', background: false });
    await mcp.call('resume', { sessionId: 'again', prompt: '[sleep:20000] what did I ask you to remember?' });
    const result = await mcp.call('view', { sessionId: 'again' });
    const text = textOf(result);
    expect(result.structuredContent).toMatchObject({ answer: 'OK, I will remember amber.' });
    expect(['starting', 'running']).toContain(result.structuredContent!.status);
    expect(text).not.toMatch(/^Answer: /m);
    expect(text).toContain('Previous turn’s answer: OK, I will remember amber.');
    expect(text).toContain('still running');
  });
});
