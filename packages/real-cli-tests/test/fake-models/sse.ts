import type { ServerResponse } from 'node:http';

/** Starts a server-sent event stream and returns a writer of named events. */
export function startEventStream(response: ServerResponse): (event: string, data: Record<string, unknown>) => void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  return (event, data) => {
    response.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
