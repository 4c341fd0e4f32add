import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The shortest GENIE_MCP_TOKEN a server reachable from the network accepts: 32 characters
 * are 128 bits or more of randomness in hex (`openssl rand -hex 32` makes 64), beyond
 * guessing over HTTP. A short, memorable token ("abc") would protect nothing.
 */
export const MIN_TOKEN_LENGTH = 32;

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time check of `Authorization: Bearer <token>`. */
export function hasBearerToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), digest(token));
}
