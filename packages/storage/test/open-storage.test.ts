import { join } from 'node:path';
import { openStorage } from '../src/index';
import { tempDir } from './helpers/temp-dir';

describe('openStorage', () => {
  it('opens the json store a spec names, shared with anyone opening the same spec', async () => {
    const spec = { kind: 'json', file: join(tempDir('spec'), 'sessions.json'), lockTimeoutMs: 5_000 } as const;
    const writer = openStorage(spec);
    expect(writer.capabilities).toEqual({ crossProcess: true, persistent: true });
    expect(writer.location).toBe(spec.file);
    await writer.create({ sessionId: 's1', agent: 'a' });
    expect(await openStorage(JSON.parse(JSON.stringify(spec))).get('s1')).toMatchObject({ agent: 'a' });
  });

  it('gives a new, empty memory store for a memory spec', async () => {
    const first = openStorage({ kind: 'memory' });
    await first.create({ sessionId: 's1', agent: 'a' });
    const second = openStorage({ kind: 'memory' });
    expect(second.capabilities).toEqual({ crossProcess: false, persistent: false });
    expect(await second.list()).toEqual([]);
  });
});
