import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, JSONRPCMessageSchema, type JSONRPCMessage, type JSONRPCResultResponse } from '@modelcontextprotocol/sdk/types.js';

/** The SDK's own stdio limit; a longer line is answered with an error, not the end of the server. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** Bytes kept of the end of a discarded line, where the SDK client writes the request id. */
const TAIL_BYTES = 512;
const NEWLINE = 0x0a;

type RequestId = string | number;

/** The id a JSON-RPC client gave a message, when it gave a usable one. */
function idOf(data: unknown): RequestId | null {
  if (typeof data !== 'object' || data === null || !Object.prototype.hasOwnProperty.call(data, 'id')) return null;
  const id = (data as { id: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

/** A top-level id at the very end of a (cut) line: `..., "id": 7}`. */
function idAtEnd(tail: string): RequestId | null {
  const match = /[,{]\s*"id"\s*:\s*(-?\d{1,15}|"(?:[^"\\]|\\.){0,200}")\s*\}\s*$/.exec(tail);
  if (!match?.[1]) return null;
  try {
    return idOf({ id: JSON.parse(match[1]) });
  } catch {
    return null;
  }
}

/**
 * MCP over stdin/stdout, one JSON-RPC message per line, in place of the SDK's
 * StdioServerTransport, which closes the server when a line exceeds its 10 MB buffer (so
 * `genie mcp` exited 0 without a word) and answers nothing to a message that fails its
 * schema (a request with a top-level `__proto__` key waited forever). Here every line gets
 * an answer: one too large is discarded as it streams in (memory stays bounded) and
 * answered with Invalid Request, an unparsable one with Parse error, an invalid one with
 * Invalid Request, each with the request's id when it can be told, and the server serves on.
 */
export class StdioLineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes of the line being discarded so far; null while a line is being kept. */
  private discarded: number | null = null;
  private tail: Buffer = Buffer.alloc(0);

  constructor(
    private readonly input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly maxBytes: number = MAX_MESSAGE_BYTES,
  ) {}

  async start(): Promise<void> {
    this.input.on('data', this.onData);
    this.input.on('error', this.onInputError);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    let text = `${JSON.stringify(message)}\n`;
    const bytes = Buffer.byteLength(text);
    if (bytes > this.maxBytes && 'result' in message) {
      this.log(`genie mcp: a response of ${bytes} bytes is over the ${this.limitText()} a client reads; answered with an error instead.`);
      text = `${JSON.stringify(this.tooLarge(message, bytes))}\n`;
    }
    if (!this.output.write(text)) await new Promise<void>((resolve) => this.output.once('drain', resolve));
  }

  async close(): Promise<void> {
    this.input.off('data', this.onData);
    this.input.off('error', this.onInputError);
    if (this.input.listenerCount('data') === 0) this.input.pause();
    this.chunks = [];
    this.size = 0;
    this.onclose?.();
  }

  private readonly onInputError = (error: Error): void => {
    this.onerror?.(error);
  };

  private readonly onData = (data: Buffer | string): void => {
    const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, from);
      this.take(chunk.subarray(from, newline === -1 ? chunk.length : newline));
      if (newline === -1) return;
      this.endLine();
      from = newline + 1;
    }
  };

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.discarded === null && this.size + piece.length <= this.maxBytes) {
      this.chunks.push(piece);
      this.size += piece.length;
      return;
    }
    if (this.discarded === null) {
      this.discarded = this.size;
      this.chunks = [];
      this.size = 0;
    }
    this.discarded += piece.length;
    const joined = Buffer.concat([this.tail, piece]);
    this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - TAIL_BYTES)));
  }

  private endLine(): void {
    if (this.discarded !== null) {
      const bytes = this.discarded;
      const id = idAtEnd(this.tail.toString('utf8'));
      this.discarded = null;
      this.tail = Buffer.alloc(0);
      const limit = this.limitText();
      this.log(`genie mcp: discarded a message of ${bytes} bytes, over the ${limit} limit; answered it with an error and serving on.`);
      this.reply(id, ErrorCode.InvalidRequest, `Request too large: ${bytes} bytes, over the ${limit} a message may have. Send large inputs in smaller parts.`);
      return;
    }
    const line = Buffer.concat(this.chunks, this.size).toString('utf8').replace(/\r$/, '');
    this.chunks = [];
    this.size = 0;
    if (line.trim() !== '') this.handleLine(line);
  }

  private handleLine(line: string): void {
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      this.reply(null, ErrorCode.ParseError, `Parse error: the message is not JSON (${(error as Error).message}).`);
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(data);
    if (!parsed.success) {
      const problem = parsed.error.issues[0]?.message ?? 'it is not a JSON-RPC 2.0 message';
      this.log(`genie mcp: answered an invalid message with an error: ${problem}`);
      this.reply(idOf(data), ErrorCode.InvalidRequest, `Invalid request: ${problem}.`);
      return;
    }
    this.onmessage?.(parsed.data);
  }

  private limitText(): string {
    return `${this.maxBytes / (1024 * 1024)} MB`;
  }

  /**
   * What is sent in place of a response too large for the client: MCP clients read stdio
   * with the same limit as here (the SDK's is 10 MB) and drop the connection on a longer
   * line, so the request is answered with an error saying what to ask for instead. A tool
   * call gets an isError result, which the model reads like any other.
   */
  private tooLarge(response: JSONRPCResultResponse, bytes: number): JSONRPCMessage {
    const megabytes = (bytes / (1024 * 1024)).toFixed(1);
    const message =
      `[INVALID_INPUT] The answer to this request is ${megabytes} MB, over the ${this.limitText()} an MCP client reads over stdio, so it was not sent. ` +
      'Ask for less: list_sessions with a smaller limit, view without full. ' +
      'A session with prompts or answers this large can be read with `genie view <session> --full` in a terminal, or over `genie mcp --http`.';
    if (Array.isArray((response.result as { content?: unknown }).content)) {
      return { jsonrpc: '2.0', id: response.id, result: { content: [{ type: 'text', text: message }], isError: true } };
    }
    return { jsonrpc: '2.0', id: response.id, error: { code: ErrorCode.InternalError, message } } as unknown as JSONRPCMessage;
  }

  private reply(id: RequestId | null, code: number, message: string): void {
    // JSON-RPC answers a message whose id cannot be told with id null.
    const response = { jsonrpc: '2.0', id, error: { code, message } } as unknown as JSONRPCMessage;
    this.send(response).catch((error: unknown) => this.onerror?.(error as Error));
  }
}
