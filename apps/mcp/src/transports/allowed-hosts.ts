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

/**
 * The Host header values a request may carry: the names the server is reachable under
 * on its own port. Anything else is a DNS-rebinding attempt (a foreign name resolving to
 * our address) and is refused. A wildcard bind answers on every interface, so every
 * interface address and the machine's hostname count as its names.
 */
export function allowedHostHeaders(boundHost: string, port: number, extraNames: readonly string[] = []): Set<string> {
  const names = new Set<string>([boundHost, ...extraNames]);
  if (isLoopbackHost(boundHost)) LOOPBACK_NAMES.forEach((name) => names.add(name));
  if (WILDCARD_ADDRESSES.includes(boundHost)) {
    [...LOOPBACK_NAMES, os.hostname(), ...interfaceAddresses()].forEach((name) => names.add(name));
  }
  names.delete('');
  return new Set([...names].map((name) => `${hostHeaderName(name)}:${port}`.toLowerCase()));
}
