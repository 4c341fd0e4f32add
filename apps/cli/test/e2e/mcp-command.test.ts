import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createInterface } from 'node:readline';
import { GENIE_BIN, parseJsonDocument } from './support/genie-process';
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

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('genie mcp --http', () => {
  const workspace = new TestWorkspace();

  /** Starts `genie mcp --http --port <port> ...` and resolves with its URL once it listens. */
  function serve(extraArgs: string[], port = 0): Promise<{ url: URL; stop: () => Promise<number | null> }> {
    const child = spawn(process.execPath, [GENIE_BIN, 'mcp', '--http', '--port', String(port), ...extraArgs], {
      cwd: workspace.dir,
      env: workspace.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return new Promise((resolve, reject) => {
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        const address = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
        if (address) resolve({ url: new URL(address), stop: () => (child.kill('SIGTERM'), exited) });
      });
      void exited.then((code) => reject(new Error(`genie mcp exited ${code} before listening:\n${stderr}`)));
    });
  }

  it('accepts --allowed-host (as its README says) and then serves requests that carry that Host name', async () => {
    const { url, stop } = await serve(['--allowed-host', 'genie.proxy.test']);
    try {
      const request = (host: string) =>
        new Promise<number>((resolve, reject) => {
          const req = http.request(
            { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host, 'content-type': 'application/json', accept: 'application/json, text/event-stream' } },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } } }));
        });
      expect(await request(`genie.proxy.test:${url.port}`)).toBe(200);
      expect(await request(`elsewhere.test:${url.port}`)).toBe(403);
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  it('accepts --allowed-origin: that web page is served, other foreign pages get 403', async () => {
    const { url, stop } = await serve(['--allowed-origin', 'https://app.example.com']);
    try {
      const request = (origin: string) =>
        new Promise<number>((resolve, reject) => {
          const headers = { origin, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
          const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } } }));
        });
      expect(await request('https://app.example.com')).toBe(200);
      expect(await request('https://evil.example.com')).toBe(403);
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  it('serves an SDK client over Streamable HTTP on the --port given, and exits 0 on SIGTERM', async () => {
    workspace.writeAgent('coder', 'claude');
    const port = await freePort();
    const { url, stop } = await serve([], port);
    expect(url.href).toBe(`http://127.0.0.1:${port}/mcp`);
    const client = new Client({ name: 'genie-cli-e2e', version: '0.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(url));
      const result = await client.callTool({ name: 'list_agents', arguments: {} });
      const agents = (result.structuredContent as { agents: Array<{ id: string; executor: string }> }).agents;
      expect(agents).toEqual([expect.objectContaining({ id: 'coder', executor: 'claude' })]);
    } finally {
      await client.close();
      expect(await stop()).toBe(0);
    }
  });

  it('reports a --port that cannot be bound as an I/O error (exit 4), not a usage error', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as net.AddressInfo;
      const result = await workspace.genie(['mcp', '--http', '--port', String(port), '--json']);
      expect(result.code).toBe(4);
      const document = parseJsonDocument<{ error: { code: string; message: string } }>(result);
      expect(document.error.code).toBe('LISTEN_FAILED');
      expect(document.error.message).toContain(String(port));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('refuses a --port that is not a port number with a usage error naming the value', async () => {
    const result = await workspace.genie(['mcp', '--http', '--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"eighty"');
    expect(result.stderr).not.toContain('NaN');
  });
});
