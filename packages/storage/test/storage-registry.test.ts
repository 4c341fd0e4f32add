import { join } from 'node:path';
import { isGenieError } from '@genie/errors';
import { openStorage, storageAdapter, storageKinds, storageSpecFromConfig } from '../src/index';
import { tempDir } from './helpers/temp-dir';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('the storage registry', () => {
  it('opens the json store a spec names, shared with anyone opening the same spec after a JSON round trip', async () => {
    const spec = { kind: 'json', file: join(tempDir('spec'), 'sessions.json'), lockTimeoutMs: 5_000 };
    const writer = await openStorage(spec);
    expect(writer.capabilities).toEqual({ crossProcess: true, persistent: true });
    expect(writer.location).toBe(spec.file);
    await writer.create({ sessionId: 's1', agent: 'a' });
    expect(await (await openStorage(JSON.parse(JSON.stringify(spec)))).get('s1')).toMatchObject({ agent: 'a' });
  });

  it('gives a new, empty memory store for a memory spec', async () => {
    const first = await openStorage({ kind: 'memory' });
    await first.create({ sessionId: 's1', agent: 'a' });
    const second = await openStorage({ kind: 'memory' });
    expect(second.capabilities).toEqual({ crossProcess: false, persistent: false });
    expect(await second.list()).toEqual([]);
  });

  it("derives each adapter's spec from the workspace configuration", () => {
    const workspace = { root: '/work/space', stateDir: '/work/space/.genie/state' };
    expect(storageSpecFromConfig({ adapter: 'json' }, workspace)).toEqual({
      kind: 'json',
      file: join('/work/space', '.genie', 'state', 'agents', 'sessions.json'),
    });
    expect(storageSpecFromConfig({ adapter: 'json', path: 'elsewhere/s.json', lockTimeoutMs: 9 }, workspace)).toEqual({
      kind: 'json',
      file: join('/work/space', 'elsewhere', 's.json'),
      lockTimeoutMs: 9,
    });
    expect(storageSpecFromConfig({ adapter: 'memory' }, workspace)).toEqual({ kind: 'memory' });
  });

  it('refuses an unknown adapter, naming the ones there are', async () => {
    const error = await caught(openStorage({ kind: 'floppy' }));
    expect(isGenieError(error, 'INVALID_INPUT')).toBe(true);
    for (const kind of storageKinds()) expect((error as Error).message + JSON.stringify((error as { hint?: string }).hint)).toContain(kind);
  });

  it('refuses a spec that lacks what its adapter needs, before touching anything', async () => {
    const error = await caught(openStorage({ kind: 'json', file: 42 }));
    expect(isGenieError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toContain('"file"');
  });

  it("declares every adapter's capabilities without opening it", () => {
    for (const kind of storageKinds()) expect(typeof storageAdapter(kind).capabilities.crossProcess).toBe('boolean');
  });
});
