import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BIN } from '../helpers/server-process';
import { createWorkspace, type TestWorkspace } from '../helpers/workspace';

const SESSIONS = 3000;
const TEXT_LENGTH = 2000;

/**
 * A long-lived workspace: thousands of sessions with multi-kilobyte prompts and answers,
 * upgraded from the predecessor's store. Listed whole they make a response line far over
 * the 10 MB the SDK's stdio client accepts, which closes the client's connection.
 */
function seedSessions(workspace: TestWorkspace): void {
  const sessions: Record<string, Record<string, unknown>> = {};
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let index = 0; index < SESSIONS; index += 1) {
    const sessionId = randomUUID();
    const time = new Date(base + index * 60_000).toISOString();
    sessions[sessionId] = {
      sessionId,
      agent: 'coder',
      name: `coder-old-${index}`,
      executor: 'claude',
      status: 'completed',
      background: true,
      created: time,
      lastUsed: time,
      lastPrompt: `prompt ${index} `.padEnd(TEXT_LENGTH, 'p'),
      lastAnswer: `answer ${index} `.padEnd(TEXT_LENGTH, 'a'),
      exitCode: 0,
    };
  }
  const file = path.join(workspace.dir, '.genie', 'state', 'agents', 'sessions.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ version: 2, sessions }));
}

describe('list_sessions on a workspace with thousands of sessions (built server over stdio)', () => {
  let workspace: TestWorkspace;
  let client: Client;
  const protocolErrors: Error[] = [];

  beforeAll(async () => {
    workspace = createWorkspace();
    seedSessions(workspace);
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--cwd', workspace.dir], env: workspace.env as Record<string, string>, stderr: 'pipe' });
    client = new Client({ name: 'genie-e2e', version: '0.0.0' });
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
  });

  afterAll(async () => {
    await client.close();
    workspace.remove();
  });

  it('answers list_sessions without a limit with the newest sessions and says there are more', async () => {
    const result = await client.callTool({ name: 'list_sessions', arguments: {} });
    expect(result.isError).toBeFalsy();
    const { sessions, hasMore } = result.structuredContent as { sessions: Array<{ name: string }>; hasMore: boolean };
    expect(sessions).toHaveLength(100);
    expect(sessions[0]!.name).toBe(`coder-old-${SESSIONS - 1}`);
    expect(hasMore).toBe(true);
    const text = (result.content as Array<{ text: string }>)[0]!.text;
    expect(text).toContain('100 newest');
    expect(text).toContain('limit');
  });

  it('still lists more with an explicit limit, and says when nothing is left out', async () => {
    const some = await client.callTool({ name: 'list_sessions', arguments: { limit: 250 } });
    expect((some.structuredContent as { sessions: unknown[] }).sessions).toHaveLength(250);
    const filtered = await client.callTool({ name: 'list_sessions', arguments: { status: 'failed' } });
    expect(filtered.structuredContent).toEqual({ sessions: [], hasMore: false });
  });

  it('kept the connection open', () => {
    expect(protocolErrors).toEqual([]);
  });
});
