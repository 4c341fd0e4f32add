import { resolve } from 'node:path';
import { EXIT_CODES, GenieError } from '@genie/errors';
import { defineCommand } from '../command';

/** `--port` as a number; yargs' own number type would turn `--port eighty` into NaN and lose what was typed. */
function portNumber(value: string | number): number {
  const port = Number(value);
  if (String(value).trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new GenieError('INVALID_INPUT', `--port must be a whole number from 0 to 65535, got ${JSON.stringify(String(value))}.`, {
      hint: 'For example: genie mcp --http --port 8848 (0 picks a free port).',
    });
  }
  return port;
}

export default defineCommand({
  command: 'mcp',
  describe: 'Serve genie over MCP (stdio by default) for Claude Code, Codex and other clients',
  builder: (y) =>
    y
      .options({
        http: { type: 'boolean', default: false, describe: 'Serve Streamable HTTP at /mcp instead of stdio' },
        port: { requiresArg: true, default: 8848, coerce: portNumber, describe: 'HTTP port (0 picks a free one)' },
        host: { type: 'string', default: '127.0.0.1', describe: 'HTTP address to bind; anything but loopback needs GENIE_MCP_TOKEN (32+ characters)' },
        'allowed-host': {
          type: 'string',
          array: true,
          describe: 'Another Host header name to accept over HTTP, e.g. a reverse proxy (repeatable)',
        },
        'allowed-origin': {
          type: 'string',
          array: true,
          describe: 'A browser Origin to accept over HTTP besides loopback pages, e.g. https://app.example.com (repeatable)',
        },
      })
      .example('$0 mcp --cwd ~/src/app', 'Serve the agents and sessions of ~/src/app over stdio')
      .example('$0 mcp --http --port 8848', 'Serve http://127.0.0.1:8848/mcp'),
  // The MCP SDK loads only for `genie mcp`.
  run: async (args) => {
    const { runMcpServer } = await import('@genie/mcp');
    const allowedHosts = args.allowedHost ?? [];
    const allowedOrigins = args.allowedOrigin ?? [];
    await runMcpServer({
      cwd: args.cwd === undefined ? process.cwd() : resolve(args.cwd),
      http: args.http,
      port: args.port,
      host: args.host,
      ...(allowedHosts.length > 0 ? { allowedHosts } : {}),
      ...(allowedOrigins.length > 0 ? { allowedOrigins } : {}),
      env: process.env,
    });
    return EXIT_CODES.OK;
  },
});
