import type { ServerResponse } from 'node:http';

/** Starts a server-sent event stream and returns a writer of named events. */
export function startEventStream(response: ServerResponse): (event: string, data: Record<string, unknown>) => void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  return (event, data) => {
    response.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  };
}

/**
 * Waits `ms` before an answer, or less when the response closes first (the CLI was stopped,
 * or the server is closing): a pending delay never outlives its request, nor keeps a test
 * worker from exiting once its tests are done.
 */
export function delayAnswer(response: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      response.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    response.once('close', done);
  });
}
