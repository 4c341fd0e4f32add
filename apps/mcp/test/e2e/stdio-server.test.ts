import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, exited } from '../helpers/server-process';
import { walkSession } from '../helpers/session-walk';
import { createWorkspace, type TestWorkspace } from '../helpers/workspace';

describe('genie-mcp over stdio (built server, real processes)', () => {
  let workspace: TestWorkspace;
  let transport: StdioClientTransport;
  let client: Client;
  const protocolErrors: Error[] = [];

  beforeAll(async () => {
    workspace = createWorkspace();
    transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--cwd', workspace.dir], env: workspace.env as Record<string, string>, stderr: 'pipe' });
    client = new Client({ name: 'genie-e2e', version: '0.0.0' });
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
  });

  afterAll(async () => {
    await client.close();
    workspace.remove();
  });

  it('identifies itself as genie', () => {
    expect(client.getServerVersion()?.name).toBe('genie');
  });

  it.each(['coder', 'qa/reviewer'])('walks run → list_sessions → wait → view → resume → view full → stop with %s', async (agent) => {
    await walkSession(client, agent);
  });

  it('reports a failed resource read or subscription with the "MCP error <code>:" prefix once', async () => {
    const failures = [
      client.readResource({ uri: 'genie://sessions/nobody-here' }),
      client.readResource({ uri: 'genie://sessions/nobody-here/transcript' }),
      client.readResource({ uri: 'genie://sessions/%E0%A4%A' }),
      client.readResource({ uri: 'genie://nothing/here' }),
      client.subscribeResource({ uri: 'genie://sessions/nobody-here' }),
    ];
    for (const failure of failures) {
      const error = (await failure.then(
        () => null,
        (reason: unknown) => reason,
      )) as { code: number; message: string } | null;
      expect(error?.code).toBe(-32602);
      expect(error?.message).toMatch(/^MCP error -32602: \S/);
      expect(error?.message).not.toMatch(/MCP error -32602: MCP error/);
    }
    await expect(client.readResource({ uri: 'genie://sessions/nobody-here' })).rejects.toThrow(
      /^MCP error -32602: \[SESSION_NOT_FOUND\] No session matches "nobody-here"[\s\S]*list_sessions/,
    );
  });

  it('reports a damaged store on resources/list and resources/read with its code and what to do next', async () => {
    const damaged = createWorkspace();
    fs.mkdirSync(path.join(damaged.dir, '.genie', 'state'), { recursive: true });
    fs.writeFileSync(path.join(damaged.dir, '.genie', 'state', 'genie.db'), 'not a database\n'.repeat(512));
    const other = new Client({ name: 'genie-e2e', version: '0.0.0' });
    await other.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, '--cwd', damaged.dir], env: damaged.env as Record<string, string>, stderr: 'pipe' }));
    try {
      const expected = /^MCP error -32603: \[STORE_CORRUPT\] [\s\S]*is damaged[\s\S]*genie doctor --repair/;
      await expect(other.listResources()).rejects.toThrow(expected);
      await expect(other.readResource({ uri: 'genie://sessions/anything' })).rejects.toThrow(expected);
    } finally {
      await other.close();
      damaged.remove();
    }
  });

  it('wrote nothing but protocol on stdout', () => {
    expect(protocolErrors).toEqual([]);
  });

  it('exits on its own, with code 0, when the client closes stdin', async () => {
    const child = spawn(process.execPath, [BIN, '--cwd', workspace.dir], { env: workspace.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin.end();
    expect(await exited(child)).toBe(0);
    expect(stdout).toBe('');
  });
});
