import type { ServerResponse } from 'node:http';

/** Answers an HTTP request that never reaches the MCP layer, in the JSON-RPC error shape clients parse. */
export function sendJsonRpcError(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body);
}
