import { connect, textOf, type Connected } from '../helpers/connect';

describe('list_agents', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('lists the workspace agents with id, name, description and executor, without the shell agent', async () => {
    mcp = await connect();
    const result = await mcp.call('list_agents');
    expect(result.isError).toBeFalsy();
    const agents = result.structuredContent?.agents as Array<Record<string, unknown>>;
    expect(agents.map((agent) => agent.id)).toEqual(['coder', 'qa/reviewer']);
    expect(agents[0]).toMatchObject({ name: 'coder', description: 'Writes code with Claude', executor: 'claude' });
    expect(agents[1]).toMatchObject({ name: 'reviewer', executor: 'codex' });
    expect(textOf(result)).toContain('qa/reviewer');
    expect(textOf(result)).not.toContain('shell');
  });

  it('offers the shell agent when the workspace config allows it', async () => {
    mcp = await connect({ allowShell: true });
    const result = await mcp.call('list_agents');
    const ids = (result.structuredContent?.agents as Array<{ id: string }>).map((agent) => agent.id);
    expect(ids).toContain('shell');
  });

  it('advertises input and output schemas for every tool', async () => {
    mcp = await connect();
    const { tools } = await mcp.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['list_agents', 'list_sessions', 'resume', 'run', 'stop', 'view', 'wait']);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
    }
    const run = tools.find((tool) => tool.name === 'run');
    expect(run?.inputSchema.required).toEqual(['agent', 'prompt']);
  });
});
