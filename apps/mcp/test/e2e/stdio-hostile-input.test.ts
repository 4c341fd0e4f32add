import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN, exited } from '../helpers/server-process';
import { createWorkspace, type TestWorkspace } from '../helpers/workspace';

interface RawServer {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the next JSON-RPC line the server writes. */
  next(): Promise<Record<string, unknown>>;
  stderr(): string;
}

/** `genie-mcp` over raw stdio, to send what no well-behaved client would. */
function startRaw(workspace: TestWorkspace): RawServer {
  const child = spawn(process.execPath, [BIN, '--cwd', workspace.dir], { env: workspace.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let buffered = '';
  let stderr = '';
  const waiting: Array<(line: Record<string, unknown>) => void> = [];
  const lines: Array<Record<string, unknown>> = [];
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
      const line = JSON.parse(buffered.slice(0, newline)) as Record<string, unknown>;
      buffered = buffered.slice(newline + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  return {
    child,
    next: () => {
      const line = lines.shift();
      return line ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
    },
    stderr: () => stderr,
  };
}

function send(server: RawServer, message: unknown): void {
  server.child.stdin.write(`${JSON.stringify(message)}\n`);
}

const initialize = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};

describe('genie-mcp over stdio, given messages no client should send', () => {
  let workspace: TestWorkspace;

  beforeAll(() => {
    workspace = createWorkspace();
  });

  afterAll(() => workspace.remove());

  it('answers a line over 10 MB with an error carrying its id, says so on stderr, and serves on', async () => {
    const server = startRaw(workspace);
    send(server, initialize);
    expect(await server.next()).toMatchObject({ id: 0, result: expect.anything() });
    send(server, { jsonrpc: '2.0', method: 'notifications/initialized' });
    const huge = { jsonrpc: '2.0', method: 'tools/call', params: { name: 'list_agents', arguments: { padding: 'x'.repeat(11 * 1024 * 1024) } }, id: 7 };
    server.child.stdin.write(`${JSON.stringify(huge)}\n`);
    expect(await server.next()).toMatchObject({ id: 7, error: { code: -32600, message: expect.stringContaining('Request too large') } });
    send(server, { jsonrpc: '2.0', id: 8, method: 'tools/list' });
    expect(await server.next()).toMatchObject({ id: 8, result: { tools: expect.any(Array) } });
    expect(server.stderr()).toContain('over the 10 MB limit');
    server.child.stdin.end();
    expect(await exited(server.child)).toBe(0);
  });

  it('answers a request with a top-level __proto__ key, and unparsable lines, instead of staying silent', async () => {
    const server = startRaw(workspace);
    send(server, initialize);
    await server.next();
    server.child.stdin.write('{"jsonrpc":"2.0","id":3,"method":"tools/list","__proto__":{"polluted":true}}\n');
    expect(await server.next()).toMatchObject({ id: 3, error: { code: -32600 } });
    server.child.stdin.write('{"jsonrpc":"2.0","id":4,\n');
    expect(await server.next()).toMatchObject({ id: null, error: { code: -32700 } });
    send(server, { jsonrpc: '2.0', id: 5, method: 'tools/list' });
    expect(await server.next()).toMatchObject({ id: 5, result: expect.anything() });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    server.child.stdin.end();
    expect(await exited(server.child)).toBe(0);
  });

  it('answers a request whose params have the wrong shape with Invalid params naming the field, not an internal error', async () => {
    const server = startRaw(workspace);
    send(server, initialize);
    await server.next();
    send(server, { jsonrpc: '2.0', method: 'notifications/initialized' });
    send(server, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'run', arguments: 'not an object' } });
    const answer = (await server.next()) as { id: number; error: { code: number; message: string } };
    expect(answer).toMatchObject({ id: 2, error: { code: -32602 } });
    expect(answer.error.message).toMatch(/^Invalid params for tools\/call: params\.arguments: /);
    send(server, { jsonrpc: '2.0', id: 3, method: 'resources/read', params: { uri: 42 } });
    expect(await server.next()).toMatchObject({ id: 3, error: { code: -32602, message: expect.stringContaining('params.uri') } });
    send(server, { jsonrpc: '2.0', id: 4, method: 'tools/list' });
    expect(await server.next()).toMatchObject({ id: 4, result: { tools: expect.any(Array) } });
    server.child.stdin.end();
    expect(await exited(server.child)).toBe(0);
  });

  it('the SDK client gets an error for a request that is too large, and its next call works', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--cwd', workspace.dir], env: workspace.env as Record<string, string>, stderr: 'pipe' });
    const client = new Client({ name: 'genie-e2e', version: '0.0.0' });
    await client.connect(transport);
    try {
      await expect(client.callTool({ name: 'run', arguments: { agent: 'coder', prompt: 'x'.repeat(11 * 1024 * 1024) } })).rejects.toThrow(/Request too large/);
      const agents = await client.callTool({ name: 'list_agents', arguments: {} });
      expect(agents.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });
});
