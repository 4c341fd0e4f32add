import { resolve } from 'node:path';
import { EXIT_CODES, GenieError, type ExitCode } from '@genie/errors';
import { runMcpServer } from '@genie/mcp';
import type { GlobalArgs } from '../global-args';
import type { Terminal } from '../output/terminal';

export interface McpArgs extends GlobalArgs {
  http: boolean;
  /** As typed (yargs leaves a non-number as a string), checked here. */
  port: number | string;
  host: string;
  'allowed-host'?: string[];
}

function portNumber(value: number | string): number {
  const port = typeof value === 'number' ? value : Number(value);
  if (String(value).trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new GenieError('INVALID_INPUT', `--port must be a whole number from 0 to 65535, got ${JSON.stringify(String(value))}.`, {
      hint: 'For example: genie mcp --http --port 8848 (0 picks a free port).',
    });
  }
  return port;
}

/** Loaded only for `genie mcp`, so no other command pays for the MCP SDK. */
export async function mcpCommand(args: McpArgs, _terminal: Terminal): Promise<ExitCode> {
  const port = portNumber(args.port);
  const allowedHosts = args['allowed-host'] ?? [];
  await runMcpServer({
    cwd: args.cwd === undefined ? process.cwd() : resolve(args.cwd),
    http: args.http,
    port,
    host: args.host,
    ...(allowedHosts.length > 0 ? { allowedHosts } : {}),
    env: process.env,
  });
  return EXIT_CODES.OK;
}
