import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { openGenie, type Genie } from '@genie/core';
import { serveHttp, type RunningHttpServer } from '../../src/transports/serve-http';
import { createWorkspace, type TestWorkspace } from '../helpers/workspace';

describe('serveHttp', () => {
  let workspace: TestWorkspace;
  let genie: Genie;
  let server: RunningHttpServer;
  const clients: Client[] = [];

  async function connectClient(): Promise<Client> {
    const client = new Client({ name: 'serve-http-test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    workspace = createWorkspace();
    genie = await openGenie({ cwd: workspace.dir, env: workspace.env });
    server = await serveHttp(genie, { host: '127.0.0.1', port: 0, maxSessions: 2 });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
    await genie.close();
    workspace.remove();
  });

  it('closes the least recently used MCP session nobody is connected to past the cap, and keeps the ones in use', async () => {
    const first = await connectClient();
    // A client that went away without ending its MCP session (no DELETE), like most do.
    const gone = new StreamableHTTPClientTransport(new URL(server.url));
    const abandoned = new Client({ name: 'serve-http-test', version: '0.0.0' });
    await abandoned.connect(gone);
    const abandonedSession = gone.sessionId!;
    await abandoned.close();
    const second = await connectClient();
    await first.listTools();
    const third = await connectClient();

    const stale = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': abandonedSession },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(stale.status).toBe(404);
    expect((await first.listTools()).tools.length).toBe(7);
    expect((await second.listTools()).tools.length).toBe(7);
    expect((await third.listTools()).tools.length).toBe(7);
  });

  it('never closes an MCP session with a call in progress to make room', async () => {
    const waiting = await connectClient();
    const started = await waiting.callTool({ name: 'run', arguments: { agent: 'coder', prompt: '[sleep:3000] remember patience' } });
    const { sessionId } = started.structuredContent as { sessionId: string };
    const waited = waiting.callTool({ name: 'wait', arguments: { sessionId, timeoutSeconds: 120 } });
    for (let index = 0; index < 4; index += 1) {
      // Clients that initialise and leave, as scripts and inspectors do.
      await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'script', version: '0' } } }),
      }).then((response) => response.text());
    }
    expect(await waited).toMatchObject({ structuredContent: { status: 'completed', finished: true } });
    expect((await waiting.listTools()).tools.length).toBe(7);
  });

  it('refuses a non-loopback address without a token', async () => {
    await expect(serveHttp(genie, { host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      hint: expect.stringContaining('GENIE_MCP_TOKEN'),
    });
  });

  it('refuses a non-loopback address with a token shorter than 32 characters, saying how to make one', async () => {
    for (const token of ['abc', 'x'.repeat(31)]) {
      await expect(serveHttp(genie, { host: '0.0.0.0', port: 0, token })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('at least 32 characters'),
        hint: expect.stringContaining('openssl rand -hex 32'),
      });
    }
  });

  it('serves a non-loopback address with a token of 32 characters or more, and loopback with any token', async () => {
    const token = 'k'.repeat(32);
    const wide = await serveHttp(genie, { host: '0.0.0.0', port: 0, token });
    const local = await serveHttp(genie, { host: '127.0.0.1', port: 0, token: 'abc' });
    try {
      for (const [port, secret] of [[wide.port, token], [local.port, 'abc']] as const) {
        const client = new Client({ name: 'serve-http-test', version: '0.0.0' });
        await client.connect(
          new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), { requestInit: { headers: { authorization: `Bearer ${secret}` } } }),
        );
        clients.push(client);
        expect((await client.listTools()).tools.length).toBe(7);
      }
    } finally {
      await wide.close();
      await local.close();
    }
  });

  it('reports a port that is taken', async () => {
    await expect(serveHttp(genie, { host: '127.0.0.1', port: server.port })).rejects.toMatchObject({
      code: 'LISTEN_FAILED',
      hint: expect.stringContaining('--port'),
    });
  });
});
