import path from 'node:path';
import * as mcpModule from '@genie/mcp';
import { EXIT, type ExitCode } from '../exit-codes';
import type { GlobalArgs } from '../global-args';
import type { Terminal } from '../output/terminal';

export interface McpArgs extends GlobalArgs {
  http: boolean;
  port: number;
  host: string;
}

/** The contract of @genie/mcp, written here so the CLI does not need its types to build. */
interface McpServerModule {
  runMcpServer(options: { cwd?: string; http?: boolean; port?: number; host?: string; env?: NodeJS.ProcessEnv }): Promise<void>;
}

/** Loaded only for `genie mcp`, so no other command pays for the MCP SDK. */
export async function mcpCommand(args: McpArgs, _terminal: Terminal): Promise<ExitCode> {
  const { runMcpServer } = mcpModule as unknown as McpServerModule;
  await runMcpServer({
    cwd: args.cwd === undefined ? process.cwd() : path.resolve(args.cwd),
    http: args.http,
    port: args.port,
    host: args.host,
    env: process.env,
  });
  return EXIT.ok;
}
