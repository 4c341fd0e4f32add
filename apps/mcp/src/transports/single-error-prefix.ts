import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isJSONRPCErrorResponse, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * An McpError's message starts with `MCP error <code>: `, and the SDK sends an error's
 * message as the JSON-RPC error message as it is; the client's McpError adds the prefix
 * again, so a client read `MCP error -32602: MCP error -32602: [SESSION_NOT_FOUND] ...`.
 * The wire carries the message alone (the code has a field of its own), on every
 * transport the server is connected to, whichever handler (ours or the SDK's) threw.
 */
export function sendErrorsWithoutCodePrefix(server: McpServer): void {
  const connect = server.connect.bind(server);
  server.connect = async (transport: Transport) => {
    await connect(transport);
    const send = transport.send.bind(transport);
    transport.send = (message, options) => send(withoutCodePrefix(message), options);
  };
}

function withoutCodePrefix(message: JSONRPCMessage): JSONRPCMessage {
  if (!isJSONRPCErrorResponse(message)) return message;
  const prefix = `MCP error ${message.error.code}: `;
  if (!message.error.message.startsWith(prefix)) return message;
  return { ...message, error: { ...message.error, message: message.error.message.slice(prefix.length) } };
}
