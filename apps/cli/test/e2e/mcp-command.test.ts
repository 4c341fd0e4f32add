import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { GENIE_BIN } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('genie mcp', () => {
  const workspace = new TestWorkspace();

  it('serves the MCP protocol on stdio with the predecessor tool names, and exits when stdin closes', async () => {
    const child = spawn(process.execPath, [GENIE_BIN, 'mcp'], { cwd: workspace.dir, env: workspace.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const request = async (id: number, method: string, params: unknown): Promise<Record<string, unknown>> => {
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      const { value } = await lines.next();
      return JSON.parse(String(value)) as Record<string, unknown>;
    };

    const init = await request(1, 'initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'genie-cli-e2e', version: '1' },
    });
    expect((init.result as { serverInfo: { name: string } }).serverInfo.name).toBe('genie');
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    const tools = await request(2, 'tools/list', {});
    const names = (tools.result as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['list_agents', 'list_sessions', 'run', 'resume', 'view', 'stop']));

    child.stdin.end();
    expect(await exited).toBe(0);
  });
});
