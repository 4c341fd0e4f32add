import { GenieError } from '@genie/errors';

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `scheme://host[:port]` as browsers send it, lower-cased; null for anything that is not an http(s) origin. */
function originOf(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.origin.toLowerCase();
}

/** An `--allowed-origin` value, checked when the server starts so a typo is not a silent 403 later. */
export function normaliseAllowedOrigin(value: string): string {
  const origin = originOf(value.trim());
  if (origin === null || origin === 'null') {
    throw new GenieError('INVALID_INPUT', `--allowed-origin ${JSON.stringify(value)} is not an origin.`, {
      hint: 'Give it as a browser sends it: scheme, host and port, e.g. --allowed-origin https://app.example.com:8443',
      details: { origin: value },
    });
  }
  return origin;
}

/**
 * Whether a request's `Origin` header may reach the server. The MCP specification asks
 * servers to validate it against DNS rebinding: a web page on a foreign name that resolves
 * to this machine would otherwise drive the local server from the user's browser. A
 * request without Origin comes from no browser page (MCP clients send none) and is let
 * through, as are pages served from loopback (any port) and the origins given with
 * `--allowed-origin`; `null` (sandboxed pages, files) and everything else are refused.
 */
export function isAllowedOrigin(header: string | string[] | undefined, allowed: ReadonlySet<string>): boolean {
  if (header === undefined) return true;
  if (Array.isArray(header)) return false;
  const origin = originOf(header);
  if (origin === null) return false;
  return LOOPBACK_HOSTNAMES.has(new URL(origin).hostname) || allowed.has(origin);
}
