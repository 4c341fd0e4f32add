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

  it('closes the least recently used MCP session past the cap, and keeps the ones in use', async () => {
    const first = await connectClient();
    const second = await connectClient();
    await first.listTools();
    const third = await connectClient();

    await expect(second.listTools()).rejects.toThrow(/Session not found|404/);
    expect((await first.listTools()).tools.length).toBe(7);
    expect((await third.listTools()).tools.length).toBe(7);
  });

  it('refuses a non-loopback address without a token', async () => {
    await expect(serveHttp(genie, { host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      hint: expect.stringContaining('GENIE_MCP_TOKEN'),
    });
  });

  it('reports a port that is taken', async () => {
    await expect(serveHttp(genie, { host: '127.0.0.1', port: server.port })).rejects.toMatchObject({
      code: 'LISTEN_FAILED',
      hint: expect.stringContaining('--port'),
    });
  });
});
