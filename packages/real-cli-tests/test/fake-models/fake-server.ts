import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/**
 * An HTTP server on loopback (a free port) that records every request and hands it, body
 * parsed, to a handler. Subclasses speak one model API.
 */
export abstract class FakeServer {
  readonly requests: RecordedRequest[] = [];
  /** Answer every model call with this HTTP status (e.g. 401 for a revoked key). */
  failWith: number | undefined;
  private readonly server: Server;
  private readonly open = new Set<ServerResponse>();

  constructor() {
    this.server = createServer((request, response) => void this.receive(request, response));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    for (const response of this.open) response.destroy();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  protected abstract handle(request: RecordedRequest, response: ServerResponse): Promise<void>;

  private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: kept as text.
    }
    const recorded = { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body };
    this.requests.push(recorded);
    this.open.add(response);
    response.on('close', () => this.open.delete(response));
    try {
      await this.handle(recorded, response);
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: (error as Error).message } }));
    }
  }
}
