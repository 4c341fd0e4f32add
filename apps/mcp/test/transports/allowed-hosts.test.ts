import os from 'node:os';
import { allowedHostHeaders, isLoopbackHost } from '../../src/transports/allowed-hosts';

describe('allowedHostHeaders', () => {
  it('accepts the loopback names on the bound port only, for a loopback bind', () => {
    const allowed = allowedHostHeaders('127.0.0.1', 8848);
    expect([...allowed].sort()).toEqual(['127.0.0.1:8848', '[::1]:8848', 'localhost:8848']);
    expect(allowed.has('evil.example:8848')).toBe(false);
    expect(allowed.has('localhost:9999')).toBe(false);
  });

  it('accepts only the bound address for a specific non-loopback bind, plus names given explicitly', () => {
    const allowed = allowedHostHeaders('192.0.2.10', 9000, ['genie.internal']);
    expect([...allowed].sort()).toEqual(['192.0.2.10:9000', 'genie.internal', 'genie.internal:9000']);
  });

  it('accepts a name given with a port on that port only, and an IPv6 address given without one bracketed, bare and on the server port', () => {
    expect([...allowedHostHeaders('127.0.0.1', 9000, ['proxy.example:8443', '[2001:db8::1]:443', '2001:db8::2'])].sort()).toEqual([
      '127.0.0.1:9000',
      '[2001:db8::1]:443',
      '[2001:db8::2]',
      '[2001:db8::2]:9000',
      '[::1]:9000',
      'localhost:9000',
      'proxy.example:8443',
    ]);
  });

  it('accepts the machine names and interface addresses for a wildcard bind', () => {
    const allowed = allowedHostHeaders('0.0.0.0', 9000);
    expect(allowed.has('localhost:9000')).toBe(true);
    expect(allowed.has(`${os.hostname().toLowerCase()}:9000`)).toBe(true);
    expect(allowed.has('attacker.example:9000')).toBe(false);
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', 'localhost', '::1', '127.0.0.2'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '192.0.2.10', '::'].map(isLoopbackHost)).toEqual([false, false, false]);
  });
});
