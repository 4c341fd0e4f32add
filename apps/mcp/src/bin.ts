import { parseArgs } from 'node:util';
import { EXIT_CODES, exitCodeFor, isGenieError } from '@genie/errors';
import { DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT, runMcpServer } from './run-mcp-server';
import { SERVER_VERSION } from './server-info';

const USAGE = `Usage: genie-mcp [--cwd <dir>] [--http [--port ${DEFAULT_HTTP_PORT}] [--host ${DEFAULT_HTTP_HOST}]]

Serves genie's sessions to MCP clients: over stdio by default, or Streamable HTTP at /mcp.
  --cwd <dir>           workspace directory (default: the current directory)
  --http                serve Streamable HTTP instead of stdio
  --port <n>            HTTP port (default ${DEFAULT_HTTP_PORT})
  --host <addr>         HTTP bind address (default ${DEFAULT_HTTP_HOST}); any other address needs
                        GENIE_MCP_TOKEN of 32+ characters (openssl rand -hex 32 makes one)
  --allowed-host <name> another Host header name to accept (repeatable), e.g. behind a proxy
  --allowed-origin <origin>
                        a browser Origin to accept besides loopback pages (repeatable)
  --help, --version
`;

/** Options of the bin; parseArgs throws a TypeError with a readable message for bad argv. */
function parseArgv() {
  return parseArgs({
    options: {
      cwd: { type: 'string' },
      http: { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'allowed-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
    strict: true,
  });
}

async function main(): Promise<number> {
  let values: ReturnType<typeof parseArgv>['values'];
  try {
    ({ values } = parseArgv());
  } catch (error) {
    process.stderr.write(`genie-mcp: ${error instanceof Error ? error.message : String(error)}\nRun \`genie-mcp --help\` for usage.\n`);
    return EXIT_CODES.USAGE;
  }
  // Nothing is served for these, so stdout is free for what was asked.
  if (values.help) {
    process.stdout.write(USAGE);
    return EXIT_CODES.OK;
  }
  if (values.version) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return EXIT_CODES.OK;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    process.stderr.write(`genie-mcp: --port must be a number from 0 to 65535, got ${values.port}\n`);
    return EXIT_CODES.USAGE;
  }
  await runMcpServer({
    ...(values.cwd ? { cwd: values.cwd } : {}),
    http: values.http,
    ...(port === undefined ? {} : { port }),
    ...(values.host ? { host: values.host } : {}),
    ...(values['allowed-host'] ? { allowedHosts: values['allowed-host'] } : {}),
    ...(values['allowed-origin'] ? { allowedOrigins: values['allowed-origin'] } : {}),
  });
  return EXIT_CODES.OK;
}

// The entry point owns the process: exit once the server has shut down, even though
// stdin (still open after SIGINT) would keep the event loop alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const text = isGenieError(error) ? error.describe() : error instanceof Error ? error.message : String(error);
    process.stderr.write(`genie-mcp: ${text}\n`);
    // The same exit codes as the genie CLI, from the one table both bins share.
    process.exit(exitCodeFor(isGenieError(error) ? error.code : undefined));
  },
);
