import { connect, type Connected } from '../helpers/connect';

describe('session resources', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('lists sessions and serves each record as JSON and its transcript as text', async () => {
    mcp = await connect();
    const run = await mcp.call('run', { agent: 'coder', prompt: 'remember cobalt', name: 'res-test', background: false });
    const { sessionId } = run.structuredContent!;
    await mcp.call('resume', { sessionId, prompt: 'what did I ask you to remember?', background: false });

    const { resources } = await mcp.client.listResources();
    expect(resources.map((resource) => resource.uri).sort()).toEqual(
      [`genie://sessions/${sessionId}`, `genie://sessions/${sessionId}/transcript`].sort(),
    );
    expect(resources.find((resource) => resource.uri.endsWith(sessionId))?.name).toBe('res-test');

    const { resourceTemplates } = await mcp.client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate).sort()).toEqual([
      'genie://sessions/{sessionId}',
      'genie://sessions/{sessionId}/transcript',
    ]);

    const record = await mcp.client.readResource({ uri: `genie://sessions/${sessionId}` });
    const content = record.contents[0] as { text: string; mimeType: string };
    expect(content.mimeType).toBe('application/json');
    expect(JSON.parse(content.text)).toMatchObject({ sessionId, name: 'res-test', status: 'completed', turns: 2 });

    const transcript = await mcp.client.readResource({ uri: 'genie://sessions/res-test/transcript' });
    const text = (transcript.contents[0] as { text: string }).text;
    expect(text).toContain('turn 1');
    expect(text).toContain('user: remember cobalt');
    expect(text).toContain('OK, I will remember cobalt.');
    expect(text).toContain('turn 2');
    expect(text).toContain('You asked me to remember cobalt.');
    expect(text.indexOf('turn 1')).toBeLessThan(text.indexOf('turn 2'));
  });

  it('answers a read of an unknown session with an error that suggests list_sessions', async () => {
    mcp = await connect();
    await expect(mcp.client.readResource({ uri: 'genie://sessions/unknown-id' })).rejects.toThrow(/SESSION_NOT_FOUND[\s\S]*list_sessions/);
    await expect(mcp.client.readResource({ uri: 'genie://sessions/unknown-id/transcript' })).rejects.toThrow(/SESSION_NOT_FOUND/);
    await expect(mcp.client.readResource({ uri: 'genie://sessions/unknown-id' })).rejects.not.toThrow(/`genie /);
  });

  it('answers a URI that is not valid percent-encoding as invalid params, not an internal error', async () => {
    mcp = await connect();
    await expect(mcp.client.readResource({ uri: 'genie://sessions/%E0%A4%A' })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('percent-encoding') });
    await expect(mcp.client.readResource({ uri: 'genie://sessions/%E0%A4%A/transcript' })).rejects.toMatchObject({ code: -32602 });
    await expect(mcp.client.subscribeResource({ uri: 'genie://sessions/%E0%A4%A' })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('percent-encoding') });
  });
});
