export { createGenieMcpServer } from './create-genie-mcp-server';
export type { GenieMcpServerOptions } from './create-genie-mcp-server';
export { runMcpServer, DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT } from './run-mcp-server';
export type { RunMcpServerOptions } from './run-mcp-server';
export { serveHttp, MCP_PATH } from './transports/serve-http';
export type { HttpServeOptions, RunningHttpServer } from './transports/serve-http';
export { serveStdio } from './transports/serve-stdio';
export type { RunningStdioServer } from './transports/serve-stdio';
