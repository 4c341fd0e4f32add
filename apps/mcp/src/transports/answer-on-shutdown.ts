import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CancelledNotificationSchema, ErrorCode, isJSONRPCRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

type RequestId = string | number;

const SHUTTING_DOWN =
  "genie's MCP server is shutting down, so this call was not finished. genie's sessions and their running turns are not affected: " +
  'once the server is back, call wait or view again.';

function answeredId(message: JSONRPCMessage): RequestId | undefined {
  if (!('result' in message) && !('error' in message)) return undefined;
  return (message as { id?: RequestId }).id;
}

/** The request a `notifications/cancelled` names, if the message is one. */
function cancelledId(message: JSONRPCMessage): RequestId | undefined {
  const parsed = CancelledNotificationSchema.safeParse(message);
  return parsed.success ? parsed.data.params.requestId : undefined;
}

/**
 * Over HTTP a call in progress (a `wait` may take an hour) holds a stream open; the server
 * closing it without an answer leaves the client waiting until its own timeout runs out.
 * This keeps the ids of the requests not yet answered, and returns what answers each of
 * them with an error saying why, for the server to call before it closes the transport.
 */
export function answerPendingOnShutdown(transport: Transport): () => Promise<void> {
  const pending = new Set<RequestId>();
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if (isJSONRPCRequest(message)) pending.add(message.id);
    // A cancelled request gets no answer from the SDK, and needs none.
    const cancelled = cancelledId(message);
    if (cancelled !== undefined) pending.delete(cancelled);
    deliver?.(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    const id = answeredId(message);
    if (id !== undefined) pending.delete(id);
    return send(message, options);
  };
  return async () => {
    const ids = [...pending];
    pending.clear();
    await Promise.all(
      ids.map((id) =>
        send({ jsonrpc: '2.0', id, error: { code: ErrorCode.ConnectionClosed, message: SHUTTING_DOWN } }, { relatedRequestId: id }).catch(() => undefined),
      ),
    );
  };
}
