import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Genie } from '@genie/core';
import { GenieError } from '@genie/errors';
import { createGenieMcpServer } from '../create-genie-mcp-server';
import { allowedHostHeaders, isLoopbackHost } from './allowed-hosts';
import { answerPendingOnShutdown } from './answer-on-shutdown';
import { isAllowedOrigin, normaliseAllowedOrigin } from './allowed-origins';
import { hasBearerToken, MIN_TOKEN_LENGTH } from './bearer-token';
import { sendJsonRpcError } from './json-rpc-error';

export const MCP_PATH = '/mcp';

export const DEFAULT_MAX_MCP_SESSIONS = 256;

/** What Streamable HTTP serves at the endpoint; anything else is 405 with these in `Allow`. */
const SERVED_METHODS = ['GET', 'POST', 'DELETE'];

export interface HttpServeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** When set, every request must carry `Authorization: Bearer <token>`; required off loopback, and there at least MIN_TOKEN_LENGTH (32) characters. */
  token?: string;
  /** More Host header names to accept (e.g. a reverse proxy's), without port. */
  allowedHosts?: readonly string[];
  /** Browser origins to accept besides loopback pages (`https://app.example.com`); requests without Origin always pass. */
  allowedOrigins?: readonly string[];
  /**
   * Clients rarely end their MCP session with DELETE, so open sessions are capped: past
   * this many (default 256) the least recently used one without an open request is
   * closed, and its client must initialise again. genie's own sessions live in the store
   * and are not affected.
   */
  maxSessions?: number;
}

export interface RunningHttpServer {
  /** `http://<host>:<port>/mcp` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Streamable HTTP at `/mcp`, stateful: `initialize` creates an MCP session (header
 * `mcp-session-id`) with its own server object, so progress notifications and
 * cancellation reach the request they belong to. Sessions live in memory; after a
 * restart clients re-initialise (the SDK client does this on the 404).
 */
export async function serveHttp(genie: Genie, options: HttpServeOptions): Promise<RunningHttpServer> {
  if (!isLoopbackHost(options.host) && !options.token) {
    throw new GenieError('INVALID_INPUT', `Refusing to serve MCP on ${options.host} without a token: anyone who can reach it could run agents.`, {
      hint: `Set GENIE_MCP_TOKEN to a random secret of at least ${MIN_TOKEN_LENGTH} characters, e.g. \`export GENIE_MCP_TOKEN=$(openssl rand -hex 32)\` (clients send it as \`Authorization: Bearer <token>\`), or bind to 127.0.0.1.`,
      details: { host: options.host },
    });
  }
  if (!isLoopbackHost(options.host) && options.token && options.token.length < MIN_TOKEN_LENGTH) {
    throw new GenieError(
      'INVALID_INPUT',
      `Refusing to serve MCP on ${options.host} with a ${options.token.length}-character token: off loopback it must be at least ${MIN_TOKEN_LENGTH} characters, or it can be guessed.`,
      {
        hint: 'Make one with `export GENIE_MCP_TOKEN=$(openssl rand -hex 32)` and give clients the same value, or bind to 127.0.0.1.',
        details: { host: options.host, tokenLength: options.token.length, minTokenLength: MIN_TOKEN_LENGTH },
      },
    );
  }
  const allowedOrigins = new Set((options.allowedOrigins ?? []).map(normaliseAllowedOrigin));
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_MCP_SESSIONS;
  // Ordered from least to most recently used.
  const transports = new Map<string, StreamableHTTPServerTransport>();
  // Responses still open per MCP session: a call in progress (a `wait` may take an hour) or
  // the stream a connected client listens on for notifications.
  const openResponses = new Map<string, number>();
  let allowedHosts = new Set<string>();
  const answerOnShutdown = new WeakMap<StreamableHTTPServerTransport, () => Promise<void>>();

  const trackResponse = (sessionId: string, response: ServerResponse): void => {
    openResponses.set(sessionId, (openResponses.get(sessionId) ?? 0) + 1);
    response.once('close', () => {
      const left = (openResponses.get(sessionId) ?? 1) - 1;
      if (left > 0) openResponses.set(sessionId, left);
      else openResponses.delete(sessionId);
    });
  };

  /**
   * Past the cap, the least recently used session that nobody is connected to is closed:
   * closing one with a call in progress would leave its client waiting for an answer that
   * never comes. While every session is in use the cap is exceeded.
   */
  const evictIdle = (opened: string): void => {
    if (transports.size <= maxSessions) return;
    for (const [sessionId, transport] of transports) {
      if (sessionId === opened || openResponses.has(sessionId)) continue;
      void transport.close();
      return;
    }
  };

  const openSession = async (): Promise<StreamableHTTPServerTransport> => {
    const server = createGenieMcpServer(genie);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (sessionId) => {
        transports.set(sessionId, transport);
        evictIdle(sessionId);
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) transports.delete(transport.sessionId);
      void server.close();
    };
    await server.connect(transport);
    answerOnShutdown.set(transport, answerPendingOnShutdown(transport));
    return transport;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== MCP_PATH) return sendJsonRpcError(response, 404, `Not found: the MCP endpoint is ${MCP_PATH}.`);
    if (!allowedHosts.has((request.headers.host ?? '').toLowerCase())) {
      return sendJsonRpcError(response, 403, `Forbidden: Host header ${JSON.stringify(request.headers.host ?? '')} is not a name of this server.`);
    }
    if (!isAllowedOrigin(request.headers.origin, allowedOrigins)) {
      return sendJsonRpcError(
        response,
        403,
        `Forbidden: Origin ${JSON.stringify(request.headers.origin)} is not allowed. Start the server with --allowed-origin <origin> to accept that web page.`,
      );
    }
    if (options.token && !hasBearerToken(request, options.token)) {
      return sendJsonRpcError(response, 401, 'Unauthorized: send `Authorization: Bearer <GENIE_MCP_TOKEN>`.', {
        'www-authenticate': 'Bearer realm="genie"',
      });
    }
    const sessionHeader = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
    if (sessionId !== undefined) {
      const transport = transports.get(sessionId);
      if (!transport) return sendJsonRpcError(response, 404, 'Session not found: initialize a new MCP session.');
      transports.delete(sessionId);
      transports.set(sessionId, transport);
      trackResponse(sessionId, response);
      return transport.handleRequest(request, response);
    }
    if (!SERVED_METHODS.includes(request.method ?? '')) {
      // As the SDK's transport answers the same request within an MCP session.
      return sendJsonRpcError(response, 405, `Method not allowed: ${MCP_PATH} serves ${SERVED_METHODS.join(', ')}.`, { allow: SERVED_METHODS.join(', ') });
    }
    if (request.method !== 'POST') {
      return sendJsonRpcError(response, 400, 'Bad request: send initialize first, then pass its mcp-session-id header.');
    }
    const transport = await openSession();
    await transport.handleRequest(request, response);
    // A first request that was not `initialize` leaves no session behind.
    if (transport.sessionId === undefined) await transport.close();
  };

  const httpServer = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else sendJsonRpcError(response, 500, `Internal error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    throw new GenieError('LISTEN_FAILED', `Cannot listen on ${options.host}:${options.port}: ${error.message}`, {
      hint: error.code === 'EADDRINUSE' ? 'Pick another port with --port.' : 'Check --host and --port.',
      cause: error,
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(options.host, port, options.allowedHosts);
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${urlHost}:${port}${MCP_PATH}`,
    port,
    close: async () => {
      await Promise.all(
        [...transports.values()].map(async (transport) => {
          await answerOnShutdown.get(transport)?.();
          await transport.close();
        }),
      );
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}
