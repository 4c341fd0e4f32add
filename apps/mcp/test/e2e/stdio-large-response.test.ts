import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { BIN } from '../helpers/server-process';
import { createWorkspace, type TestWorkspace } from '../helpers/workspace';

/**
 * A session whose record is larger than an MCP client reads over stdio (the SDK's stdio
 * client gives up on a line over 10 MB and closes the connection): here a 3 MB prompt,
 * which the claude double also echoes as its answer, so view carries it several times.
 */
describe('a response over the 10 MB an MCP stdio client accepts (built server)', () => {
  let workspace: TestWorkspace;
  let client: Client;
  const protocolErrors: Error[] = [];

  beforeAll(async () => {
    workspace = createWorkspace();
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--cwd', workspace.dir], env: workspace.env as Record<string, string>, stderr: 'pipe' });
    client = new Client({ name: 'genie-e2e', version: '0.0.0' });
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
  });

  afterAll(async () => {
    await client.close();
    workspace.remove();
  });

  it('is answered with an isError result that says what to ask for instead, and the connection stays open', async () => {
    const prompt = `remember ${'x'.repeat(3 * 1024 * 1024)}`;
    const started = (await client.callTool({ name: 'run', arguments: { agent: 'coder', prompt, name: 'big-prompt' } })) as CallToolResult;
    expect(started.isError).toBeFalsy();
    const waited = (await client.callTool({ name: 'wait', arguments: { sessionId: 'big-prompt', timeoutSeconds: 120 } })) as CallToolResult;
    expect(waited.isError).toBe(true);
    const text = (waited.content[0] as { text: string }).text;
    expect(text).toMatch(/^\[INVALID_INPUT\] /);
    expect(text).toContain('view without full');
    expect(text).toContain('10 MB');

    const listed = (await client.callTool({ name: 'list_sessions', arguments: { limit: 1 } })) as CallToolResult;
    expect(listed.isError).toBeFalsy();
    expect(protocolErrors).toEqual([]);
  });
});
