import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { openGenie, type Genie } from '@genie/core';
import { createGenieMcpServer } from '../../src/create-genie-mcp-server';
import { createWorkspace, type TestWorkspace } from './workspace';

export interface Connected {
  workspace: TestWorkspace;
  genie: Genie;
  client: Client;
  /** Calls a tool and returns its result with structuredContent typed loosely for assertions. */
  call(name: string, args?: Record<string, unknown>): Promise<ToolResult>;
  close(): Promise<void>;
}

export type ToolResult = CallToolResult & { structuredContent?: Record<string, any> };

/** A real genie on a fresh workspace, served by the MCP server to an SDK client in-process. */
export async function connect(options: { allowShell?: boolean } = {}): Promise<Connected> {
  const workspace = createWorkspace(options);
  const genie = await openGenie({ cwd: workspace.dir, env: workspace.env });
  const server = createGenieMcpServer(genie);
  const client = new Client({ name: 'genie-mcp-test', version: '0.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  const call = async (name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as ToolResult;
  return {
    workspace,
    genie,
    client,
    call,
    close: async () => {
      // No test may leave an agent running after its workspace is gone.
      const active = await genie.listSessions({ status: ['starting', 'running'] });
      await Promise.all(active.map((session) => genie.stop({ session: session.sessionId }).catch(() => undefined)));
      await client.close();
      await server.close();
      await genie.close();
      workspace.remove();
    },
  };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}
