import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { runMcpServer } from '../src/run-mcp-server';
import { createWorkspace, type TestWorkspace } from './helpers/workspace';

describe('runMcpServer', () => {
  let workspace: TestWorkspace;
  beforeEach(() => {
    workspace = createWorkspace();
  });
  afterEach(() => workspace.remove());

  it('serves the workspace over HTTP until its signal aborts, then resolves and restores signal handling', async () => {
    const sigintListeners = process.listenerCount('SIGINT');
    const lines: string[] = [];
    let announce: (url: string) => void = () => undefined;
    const announced = new Promise<string>((resolve) => (announce = resolve));
    const controller = new AbortController();
    const running = runMcpServer({
      cwd: workspace.dir,
      env: workspace.env,
      http: true,
      port: 0,
      signal: controller.signal,
      log: (line) => {
        lines.push(line);
        const url = /listening on (\S+)/.exec(line)?.[1];
        if (url) announce(url);
      },
    });
    const url = await announced;
    expect(lines[0]).toContain(workspace.dir);

    const client = new Client({ name: 'run-mcp-server-test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const agents = await client.callTool({ name: 'list_agents', arguments: {} });
    expect((agents.structuredContent as { agents: unknown[] }).agents).toHaveLength(2);
    await client.close();

    controller.abort();
    await expect(running).resolves.toBeUndefined();
    expect(process.listenerCount('SIGINT')).toBe(sigintListeners);
  });

  it('refuses a non-loopback host without GENIE_MCP_TOKEN, leaving no signal handler behind', async () => {
    const sigintListeners = process.listenerCount('SIGINT');
    await expect(runMcpServer({ cwd: workspace.dir, env: workspace.env, http: true, host: '0.0.0.0', port: 0, log: () => undefined })).rejects.toThrow(
      /without a token/,
    );
    expect(process.listenerCount('SIGINT')).toBe(sigintListeners);
  });
});
