import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type ListResourcesResult } from '@modelcontextprotocol/sdk/types.js';
import type { Genie, SessionSummary } from '@genie/core';
import { isGenieError } from '@genie/errors';
import { renderTranscript } from '../render/render-transcript';
import { toSessionViewOutput } from '../tools/session-output';

/** Resource lists show the newest sessions only; any session can still be read by its URI. */
export const LISTED_SESSION_RESOURCES = 100;

export function sessionUri(sessionId: string): string {
  return `genie://sessions/${encodeURIComponent(sessionId)}`;
}

export function transcriptUri(sessionId: string): string {
  return `${sessionUri(sessionId)}/transcript`;
}

function sessionTitle(session: SessionSummary): string {
  return session.name ?? session.sessionId;
}

async function listSessions(genie: Genie, toResource: (session: SessionSummary) => ListResourcesResult['resources'][number]) {
  try {
    const sessions = await genie.listSessions({ limit: LISTED_SESSION_RESOURCES });
    return { resources: sessions.map(toResource) };
  } catch (error) {
    throw toResourceError(error);
  }
}

function variable(value: string | string[] | undefined): string {
  return decodeURIComponent(Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
}

/** A `%` escape that decodes to no text is the client's mistake, not the server's. */
export function malformedUri(): McpError {
  return new McpError(
    ErrorCode.InvalidParams,
    'The session in this URI is not valid percent-encoding. Take the URI from resources/list, or encode the session id or name with encodeURIComponent.',
  );
}

/** Codes that mean the URI named no (single) session: the client's mistake, Invalid params. */
const CLIENT_MISTAKES: ReadonlySet<string> = new Set(['INVALID_INPUT', 'SESSION_NOT_FOUND', 'SESSION_AMBIGUOUS']);

/**
 * Resource lists and reads have no `isError`; a failure is a protocol error carrying the
 * same code and advice a tool's result does. Anything but a bad URI (a damaged store, say)
 * is the server's, Internal error.
 */
function toResourceError(error: unknown): unknown {
  if (error instanceof URIError) return malformedUri();
  if (!isGenieError(error)) return error;
  // The library's hint names the CLI (`genie list sessions`); an MCP client lists with a call.
  const text = error.code === 'SESSION_NOT_FOUND' ? `${error.message}\nCall list_sessions (or resources/list) for valid session ids.` : error.describe();
  const code = CLIENT_MISTAKES.has(error.code) ? ErrorCode.InvalidParams : ErrorCode.InternalError;
  return new McpError(code, `[${error.code}] ${text}`, error.toJSON());
}

export function registerSessionResources(server: McpServer, genie: Genie): void {
  server.registerResource(
    'session',
    new ResourceTemplate('genie://sessions/{sessionId}', {
      list: () =>
        listSessions(genie, (session) => ({
          uri: sessionUri(session.sessionId),
          name: sessionTitle(session),
          description: `${session.agent} · ${session.status}`,
          mimeType: 'application/json',
        })),
    }),
    { title: 'genie session', description: 'A session record as JSON (status, last prompt, final answer, usage).', mimeType: 'application/json' },
    async (uri, variables) => {
      try {
        const view = await genie.view({ session: variable(variables.sessionId) });
        return {
          contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(toSessionViewOutput(view), null, 2) }],
        };
      } catch (error) {
        throw toResourceError(error);
      }
    },
  );

  server.registerResource(
    'transcript',
    new ResourceTemplate('genie://sessions/{sessionId}/transcript', {
      list: () =>
        listSessions(genie, (session) => ({
          uri: transcriptUri(session.sessionId),
          name: `${sessionTitle(session)} transcript`,
          description: `Every turn of ${sessionTitle(session)} as text`,
          mimeType: 'text/plain',
        })),
    }),
    { title: 'genie session transcript', description: 'Every turn of a session rendered as text.', mimeType: 'text/plain' },
    async (uri, variables) => {
      try {
        const view = await genie.view({ session: variable(variables.sessionId), full: true });
        return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: renderTranscript(view.transcript ?? []) }] };
      } catch (error) {
        throw toResourceError(error);
      }
    },
  );
}
