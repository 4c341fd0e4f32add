import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Genie } from '@genie/core';
import { isGenieError } from '@genie/errors';
import { malformedUri } from './session-resources';

/**
 * How often subscribed sessions are looked at. Their changes are made by other processes
 * too (the detached supervisor ends a turn), so they are read from the store, never
 * learnt from this server's own calls only.
 */
export const SUBSCRIPTION_POLL_MS = 500;

const SESSION_URI = /^genie:\/\/sessions\/([^/]+)(\/transcript)?$/;

interface Subscription {
  /** The session as the URI names it (id, prefix or name). */
  session: string;
  /** Status and turn count last seen; a change of either is an update. */
  seen: string;
}

function invalidUri(uri: string, why: string): McpError {
  return new McpError(ErrorCode.InvalidParams, `Cannot subscribe to ${uri}: ${why}`);
}

/**
 * `resources/subscribe` for `genie://sessions/{id}` (and its `/transcript`): a subscriber
 * gets `notifications/resources/updated` with that URI whenever the session's status
 * changes, a new turn included, until it unsubscribes or disconnects.
 */
export function registerSessionSubscriptions(server: McpServer, genie: Genie, pollMs = SUBSCRIPTION_POLL_MS): void {
  const subscriptions = new Map<string, Subscription>();
  let timer: NodeJS.Timeout | undefined;
  let polling = false;

  const stateOf = async (session: string): Promise<string> => {
    const view = await genie.view({ session });
    return `${view.status}:${view.turns}`;
  };

  const poll = async (): Promise<void> => {
    if (polling) return;
    polling = true;
    try {
      for (const [uri, subscription] of subscriptions) {
        const seen = await stateOf(subscription.session).catch((error: unknown) => (isGenieError(error, 'SESSION_NOT_FOUND') ? 'gone' : subscription.seen));
        if (seen === subscription.seen || !subscriptions.has(uri)) continue;
        subscription.seen = seen;
        await server.server.sendResourceUpdated({ uri }).catch(() => undefined);
      }
    } finally {
      polling = false;
    }
  };

  const stop = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
    subscriptions.clear();
  };

  server.server.registerCapabilities({ resources: { subscribe: true } });
  server.server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    const { uri } = request.params;
    const match = SESSION_URI.exec(uri);
    if (!match) throw invalidUri(uri, 'only genie://sessions/{sessionId} and its /transcript can be subscribed to.');
    let session: string;
    try {
      session = decodeURIComponent(match[1] as string);
    } catch {
      throw malformedUri();
    }
    try {
      subscriptions.set(uri, { session, seen: await stateOf(session) });
    } catch (error) {
      if (!isGenieError(error)) throw error;
      const text = error.code === 'SESSION_NOT_FOUND' ? `${error.message}\nCall list_sessions (or resources/list) for valid session ids.` : error.describe();
      throw invalidUri(uri, `[${error.code}] ${text}`);
    }
    timer ??= setInterval(() => void poll(), pollMs);
    timer.unref();
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    subscriptions.delete(request.params.uri);
    if (subscriptions.size === 0) stop();
    return {};
  });
  const previous = server.server.onclose;
  server.server.onclose = () => {
    stop();
    previous?.();
  };
}
