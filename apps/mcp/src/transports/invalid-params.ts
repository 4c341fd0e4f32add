import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ClientRequestSchema, ErrorCode, isJSONRPCRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

type RequestSchema = (typeof ClientRequestSchema.options)[number];

/** The SDK's schema of each request a client may send, by method. */
const SCHEMAS = new Map<string, RequestSchema>(ClientRequestSchema.options.map((schema) => [schema.shape.method.value as string, schema]));

/**
 * Why a request's params do not fit its method's schema (`params.arguments: expected
 * record, received string`), or null when they fit or the method is not a client request.
 */
function paramsProblem(message: JSONRPCMessage): string | null {
  if (!isJSONRPCRequest(message)) return null;
  const schema = SCHEMAS.get(message.method);
  if (!schema) return null;
  const parsed = schema.safeParse(message);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (!issue) return 'they do not fit the method';
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/**
 * The SDK answers a request whose params fail its schema with Internal error (-32603) and
 * the raw list of schema issues; a client's malformed request is Invalid params (-32602)
 * with the field at fault. Requests are checked as they arrive, on any transport the
 * server is connected to, before the SDK sees them.
 */
export function answerInvalidParams(server: McpServer): void {
  const connect = server.connect.bind(server);
  server.connect = async (transport: Transport) => {
    await connect(transport);
    const deliver = transport.onmessage;
    if (!deliver) return;
    transport.onmessage = (message, extra) => {
      const problem = paramsProblem(message);
      if (problem === null || !isJSONRPCRequest(message)) return deliver(message, extra);
      const error = { code: ErrorCode.InvalidParams, message: `Invalid params for ${message.method}: ${problem}.` };
      transport.send({ jsonrpc: '2.0', id: message.id, error } as JSONRPCMessage, { relatedRequestId: message.id }).catch((failure: unknown) => {
        transport.onerror?.(failure as Error);
      });
    };
  };
}
