import os from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];
const WILDCARD_ADDRESSES = ['0.0.0.0', '::', ''];

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.includes(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function hostHeaderName(name: string): string {
  return name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
}

function interfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((info): info is os.NetworkInterfaceInfo => info !== undefined)
    .map((info) => info.address);
}

/** `name:port` or `[v6]:port`: a Host header value with its port, as given. */
const WITH_PORT = /^(?:\[[^\]]+\]|[^:]+):\d+$/;

/**
 * The Host header values an `--allowed-host` name stands for. A reverse proxy forwards the
 * public Host, without a port when the client used the default one (`genie.example.com`),
 * so a name is accepted bare and on the server's port; a name given with a port
 * (`genie.example.com:8443`) on that port only.
 */
function extraHostHeaders(name: string, port: number): string[] {
  if (WITH_PORT.test(name)) return [name];
  const header = hostHeaderName(name);
  return [header, `${header}:${port}`];
}

/**
 * The Host header values a request may carry: the names the server is reachable under
 * on its own port, and the names given with `--allowed-host`. Anything else is a
 * DNS-rebinding attempt (a foreign name resolving to our address) and is refused. A
 * wildcard bind answers on every interface, so every interface address and the machine's
 * hostname count as its names.
 */
export function allowedHostHeaders(boundHost: string, port: number, extraNames: readonly string[] = []): Set<string> {
  const names = new Set<string>([boundHost]);
  if (isLoopbackHost(boundHost)) LOOPBACK_NAMES.forEach((name) => names.add(name));
  if (WILDCARD_ADDRESSES.includes(boundHost)) {
    [...LOOPBACK_NAMES, os.hostname(), ...interfaceAddresses()].forEach((name) => names.add(name));
  }
  names.delete('');
  const headers = [...names].map((name) => `${hostHeaderName(name)}:${port}`);
  const extra = extraNames.map((name) => name.trim()).filter((name) => name !== '').flatMap((name) => extraHostHeaders(name, port));
  return new Set([...headers, ...extra].map((header) => header.toLowerCase()));
}
