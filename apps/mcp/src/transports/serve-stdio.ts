import type { Genie } from '@genie/core';
import { createGenieMcpServer } from '../create-genie-mcp-server';
import { StdioLineTransport } from './stdio-line-transport';

export interface RunningStdioServer {
  /** Resolves when the client hangs up (stdin ends) or close() is called. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/** Serves one client over this process's stdin/stdout. */
export async function serveStdio(genie: Genie): Promise<RunningStdioServer> {
  const server = createGenieMcpServer(genie);
  const transport = new StdioLineTransport();
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  server.server.onclose = () => markClosed();
  const close = async () => {
    process.stdin.off('end', onEnd);
    await server.close();
    markClosed();
  };
  // The transport does not see a client hang up; stdin ending is that signal.
  const onEnd = () => void close();
  process.stdin.on('end', onEnd);
  await server.connect(transport);
  return { closed, close };
}
