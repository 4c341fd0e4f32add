import { openGenie } from '@genie/core';
import { serveHttp } from './transports/serve-http';
import { serveStdio } from './transports/serve-stdio';

export const DEFAULT_HTTP_PORT = 8848;
export const DEFAULT_HTTP_HOST = '127.0.0.1';

export interface RunMcpServerOptions {
  /** Workspace directory to start from (default: process.cwd()). */
  cwd?: string;
  /** Serve Streamable HTTP at /mcp instead of stdio. */
  http?: boolean;
  /** HTTP port (default 8848; 0 picks a free one). */
  port?: number;
  /** HTTP bind address (default 127.0.0.1). Anything but loopback requires GENIE_MCP_TOKEN. */
  host?: string;
  /** More Host header names to accept over HTTP (e.g. a reverse proxy's). */
  allowedHosts?: string[];
  /** Browser origins to accept over HTTP besides loopback pages (`https://app.example.com`). */
  allowedOrigins?: string[];
  /** Environment for the workspace, executors and GENIE_MCP_TOKEN (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Stops the server, like SIGINT/SIGTERM. */
  signal?: AbortSignal;
  /** Where diagnostics go (default: stderr; never stdout, which carries the stdio protocol). */
  log?: (line: string) => void;
}

function stderrLog(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Stdout belongs to the protocol in stdio mode: a stray console.log from any module
 * would corrupt the stream, so console output is routed to stderr while serving.
 */
function routeConsoleToStderr(): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  return () => Object.assign(console, saved);
}

interface StopRequest {
  readonly requested: Promise<void>;
  dispose(): void;
}

/** SIGINT, SIGTERM or `signal`, whichever comes first; dispose() restores default signal handling. */
function listenForStop(signal: AbortSignal | undefined): StopRequest {
  let resolveStop: () => void = () => undefined;
  const requested = new Promise<void>((resolve) => (resolveStop = resolve));
  const onStop = () => resolveStop();
  process.on('SIGINT', onStop);
  process.on('SIGTERM', onStop);
  signal?.addEventListener('abort', onStop, { once: true });
  if (signal?.aborted) onStop();
  return {
    requested,
    dispose: () => {
      process.off('SIGINT', onStop);
      process.off('SIGTERM', onStop);
      signal?.removeEventListener('abort', onStop);
    },
  };
}

/**
 * Runs genie's MCP server for one workspace until the client hangs up (stdio) or the
 * process is asked to stop (SIGINT/SIGTERM, or `signal`); then closes everything and
 * resolves. Throws GenieError when it cannot start (bad config, port taken, a
 * non-loopback host without a token).
 */
export async function runMcpServer(options: RunMcpServerOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const log = options.log ?? stderrLog;
  const restoreConsole = options.http ? () => undefined : routeConsoleToStderr();
  try {
    const genie = await openGenie({ cwd: options.cwd, env, onWarning: (message) => log(`genie: ${message}`) });
    const stop = listenForStop(options.signal);
    try {
      if (options.http) {
        const token = env.GENIE_MCP_TOKEN?.trim() || undefined;
        const server = await serveHttp(genie, {
          host: options.host ?? DEFAULT_HTTP_HOST,
          port: options.port ?? DEFAULT_HTTP_PORT,
          ...(token ? { token } : {}),
          ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
          ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
        });
        log(`genie MCP server for ${genie.workspace} listening on ${server.url}${token ? ' (bearer token required)' : ''}`);
        await stop.requested;
        await server.close();
      } else {
        const server = await serveStdio(genie);
        await Promise.race([stop.requested, server.closed]);
        await server.close();
      }
    } finally {
      stop.dispose();
      await genie.close();
    }
  } finally {
    restoreConsole();
  }
}
