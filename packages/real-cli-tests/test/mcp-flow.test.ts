import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GENIE_BIN } from './support/genie-process';
import { RealCliWorkspace, type Cli } from './support/real-cli-workspace';

type Structured = Record<string, any>;

/** An AI client driving the real CLIs through `genie mcp` over stdio, with the MCP SDK's own client. */
describe.each<Cli>(['claude', 'codex'])('genie mcp with the real %s', (cli) => {
  let workspace: RealCliWorkspace;
  let client: Client;
  const protocolErrors: Error[] = [];

  beforeAll(async () => {
    workspace = await RealCliWorkspace.create();
    const transport = new StdioClientTransport({ command: process.execPath, args: [GENIE_BIN, 'mcp'], cwd: workspace.dir, env: workspace.env as Record<string, string>, stderr: 'pipe' });
    client = new Client({ name: 'genie-real-cli-tests', version: '0.0.0' });
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
  });
  afterAll(async () => {
    await client.close();
    await workspace.dispose();
  });

  async function call(name: string, args: Record<string, unknown>): Promise<Structured> {
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
    return result.structuredContent as Structured;
  }

  it('run → wait → resume → view', async () => {
    const started = await call('run', { agent: `${cli}-helper`, prompt: 'remember the copper kettle' });
    expect(started.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const waited = await call('wait', { sessionId: started.sessionId, timeoutSeconds: 120 });
    expect(waited).toMatchObject({ finished: true, status: 'completed', answer: 'OK, I will remember the copper kettle.' });

    const resumed = await call('resume', { sessionId: started.sessionId, prompt: '[think] what did I ask you to remember?', background: false });
    expect(resumed).toMatchObject({ sessionId: started.sessionId, status: 'completed', answer: 'You asked me to remember the copper kettle.' });

    const full = await call('view', { sessionId: started.sessionId, full: true });
    expect(full.transcript.map((turn: Structured) => turn.answer)).toEqual(['OK, I will remember the copper kettle.', 'You asked me to remember the copper kettle.']);
    expect(full.transcript[1].events).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'reasoning', text: 'Weighing how to answer: what did I ask you to remember?' })]));
    expect(full.usage.inputTokens).toBe(full.transcript.reduce((sum: number, turn: Structured) => sum + turn.usage.inputTokens, 0));
    expect(protocolErrors).toEqual([]);
  });
});
