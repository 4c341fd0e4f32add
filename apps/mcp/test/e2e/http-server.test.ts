import http from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawnSync } from 'node:child_process';
import { openGenie } from '@genie/core';
import { BIN, startHttpServer, type HttpServerProcess } from '../helpers/server-process';
import { walkSession } from '../helpers/session-walk';
import { createWorkspace, type TestWorkspace } from '../helpers/workspace';

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
});

/** A raw POST to the server, so the test controls every header (fetch would not let it forge Host). */
function rawPost(port: number, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end(INITIALIZE);
  });
}

/** A raw request of any method to /mcp, with the headers a client would send. */
function rawRequest(port: number, method: string, headers: Record<string, string> = {}): Promise<{ status: number; allow: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: '/mcp', method, headers: { accept: 'application/json, text/event-stream', ...headers } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, allow: response.headers.allow, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

async function connectClient(url: string, token?: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    ...(token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {}),
  });
  const client = new Client({ name: 'genie-e2e-http', version: '0.0.0' });
  await client.connect(transport);
  return client;
}

describe('genie-mcp over Streamable HTTP (built server, real processes)', () => {
  let workspace: TestWorkspace;
  let server: HttpServerProcess;

  beforeAll(async () => {
    workspace = createWorkspace();
    server = await startHttpServer(workspace.dir, workspace.env);
  });

  afterAll(async () => {
    await server?.stop();
    workspace.remove();
  });

  it('listens on loopback at /mcp', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it.each(['qa/reviewer', 'coder'])('walks run → list_sessions → wait → view → resume → view full → stop with %s', async (agent) => {
    const client = await connectClient(server.url);
    try {
      await walkSession(client, agent);
    } finally {
      await client.close();
    }
  });

  it('refuses a request whose Host header is not a name of the server (DNS rebinding)', async () => {
    const foreign = await rawPost(server.port, { host: `attacker.example:${server.port}` });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain('Host header');
    const own = await rawPost(server.port, { host: `localhost:${server.port}` });
    expect(own.status).toBe(200);
  });

  it('accepts an --allowed-host name as a reverse proxy forwards it (no port, or the port given with the name)', async () => {
    const proxied = await startHttpServer(workspace.dir, workspace.env, ['--allowed-host', 'Genie.Example.com', '--allowed-host', 'other.example:8443']);
    try {
      for (const host of ['genie.example.com', `genie.example.com:${proxied.port}`, 'other.example:8443']) {
        expect([host, (await rawPost(proxied.port, { host })).status]).toEqual([host, 200]);
      }
      for (const host of ['attacker.example', 'other.example', 'other.example:443', `other.example:${proxied.port}`]) {
        expect([host, (await rawPost(proxied.port, { host })).status]).toEqual([host, 403]);
      }
    } finally {
      await proxied.stop();
    }
  });

  it('refuses a web page of a foreign Origin with 403, and lets through requests without Origin and loopback pages', async () => {
    const host = `127.0.0.1:${server.port}`;
    for (const origin of ['http://attacker.example', `http://attacker.example:${server.port}`, 'null', 'file://', 'not an origin']) {
      const refused = await rawPost(server.port, { host, origin });
      expect([origin, refused.status]).toEqual([origin, 403]);
      expect(refused.body).toContain('--allowed-origin');
    }
    expect((await rawPost(server.port, { host })).status).toBe(200);
    for (const origin of ['http://localhost:3000', `http://127.0.0.1:${server.port}`, 'https://[::1]:8443']) {
      expect([origin, (await rawPost(server.port, { host, origin })).status]).toEqual([origin, 200]);
    }
  });

  it('answers a method /mcp does not serve with 405 and the methods it does, with or without an MCP session', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(server.url));
    const client = new Client({ name: 'genie-e2e-http', version: '0.0.0' });
    await client.connect(transport);
    try {
      const session = { 'mcp-session-id': transport.sessionId! };
      for (const [method, headers] of [['PUT', {}], ['PATCH', {}], ['PUT', session], ['PATCH', session]] as const) {
        const answer = await rawRequest(server.port, method, headers);
        expect([method, headers, answer.status, answer.allow]).toEqual([method, headers, 405, 'GET, POST, DELETE']);
        expect(JSON.parse(answer.body)).toMatchObject({ jsonrpc: '2.0', error: { message: expect.stringContaining('Method not allowed') } });
      }
      // The session is untouched by the refused requests.
      expect((await client.listTools()).tools.length).toBe(7);
    } finally {
      await client.close();
    }
  });

  it('answers a call still in progress with an error when it shuts down, and leaves the turn running', async () => {
    const shellWorkspace = createWorkspace({ allowShell: true });
    const own = await startHttpServer(shellWorkspace.dir, shellWorkspace.env);
    const client = await connectClient(own.url);
    try {
      const started = await client.callTool({ name: 'run', arguments: { agent: 'shell', prompt: 'echo started; sleep 120' } });
      const { sessionId } = started.structuredContent as { sessionId: string };
      let progressed = false;
      const waited = client
        .callTool({ name: 'wait', arguments: { sessionId, timeoutSeconds: 600 } }, undefined, { timeout: 120_000, onprogress: () => (progressed = true) })
        .then(
          () => 'answered',
          (error: Error) => error.message,
        );
      // The server has the call once it reports the turn's first output.
      for (let polls = 0; !progressed && polls < 600; polls += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(progressed).toBe(true);
      expect(await own.stop()).toBe(0);
      expect(await waited).toMatch(/shutting down[\s\S]*call wait or view again/);
      const genie = await openGenie({ cwd: shellWorkspace.dir, env: shellWorkspace.env });
      try {
        expect((await genie.view({ session: sessionId })).status).toBe('running');
        await genie.stop({ session: sessionId });
      } finally {
        await genie.close();
      }
    } finally {
      await client.close().catch(() => undefined);
      await own.stop();
      shellWorkspace.remove();
    }
  }, 180_000);

  it('shuts down cleanly on SIGTERM', async () => {
    const second = await startHttpServer(workspace.dir, workspace.env);
    expect(await second.stop()).toBe(0);
  });
});

describe('genie-mcp over HTTP with a bearer token', () => {
  const token = 'test-token-0123456789abcdef';
  let workspace: TestWorkspace;
  let server: HttpServerProcess;

  beforeAll(async () => {
    workspace = createWorkspace();
    server = await startHttpServer(workspace.dir, { ...workspace.env, GENIE_MCP_TOKEN: token });
  });

  afterAll(async () => {
    await server?.stop();
    workspace.remove();
  });

  it('rejects a request without the token or with a wrong one', async () => {
    const host = `127.0.0.1:${server.port}`;
    const missing = await rawPost(server.port, { host });
    expect(missing.status).toBe(401);
    const wrong = await rawPost(server.port, { host, authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
  });

  it('serves a client that sends the token', async () => {
    const client = await connectClient(server.url, token);
    try {
      const result = await client.callTool({ name: 'list_agents', arguments: {} });
      expect((result.structuredContent as { agents: Array<{ id: string }> }).agents.map((agent) => agent.id)).toEqual(['coder', 'qa/reviewer']);
    } finally {
      await client.close();
    }
  });

  it('refuses to start on a non-loopback address without a token, before binding anything', () => {
    const result = spawnSync(process.execPath, [BIN, '--http', '--host', '0.0.0.0', '--port', '0', '--cwd', workspace.dir], {
      env: workspace.env,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('GENIE_MCP_TOKEN');
    expect(result.stdout).toBe('');
  });

  it('refuses to start on a non-loopback address with a short token, saying how long one must be and how to make it', () => {
    const result = spawnSync(process.execPath, [BIN, '--http', '--host', '0.0.0.0', '--port', '0', '--cwd', workspace.dir], {
      env: { ...workspace.env, GENIE_MCP_TOKEN: 'abc' },
      encoding: 'utf8',
      // A server that wrongly starts serves until killed; fail instead of hanging.
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('at least 32 characters');
    expect(result.stderr).toContain('openssl rand -hex 32');
    expect(result.stderr).not.toContain('listening');
    expect(result.stdout).toBe('');
  });

  it('accepts the origins given with --allowed-origin, and refuses one that is not an origin at start', async () => {
    const other = await startHttpServer(workspace.dir, workspace.env, ['--allowed-origin', 'HTTPS://App.Example.com:8443/']);
    try {
      const host = `127.0.0.1:${other.port}`;
      expect((await rawPost(other.port, { host, origin: 'https://app.example.com:8443' })).status).toBe(200);
      expect((await rawPost(other.port, { host, origin: 'https://app.example.com' })).status).toBe(403);
    } finally {
      await other.stop();
    }
    const bad = spawnSync(process.execPath, [BIN, '--http', '--port', '0', '--cwd', workspace.dir, '--allowed-origin', 'app.example.com'], {
      env: workspace.env,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('is not an origin');
  });

  it('rejects a port that is not a number with a usage error', () => {
    const result = spawnSync(process.execPath, [BIN, '--http', '--port', 'eighty', '--cwd', workspace.dir], { env: workspace.env, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port');
  });
});
