import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSessionsFile, openJsonStorage } from '../../src/index';
import { FIXTURES } from '../helpers/child-process';
import { tempDir } from '../helpers/temp-dir';

const ID = '5f0c6c1e-1111-4a4a-9b9b-000000000001';

function storeWithExtras(): string {
  const file = join(tempDir('format'), 'sessions.json');
  copyFileSync(join(FIXTURES, 'stores', 'v2-extra-fields.json'), file);
  return file;
}

describe('the sessions.json the json storage writes', () => {
  it('keeps unknown fields and unknown top-level keys, in their order, through a write', async () => {
    const file = storeWithExtras();
    const before = JSON.parse(readFileSync(file, 'utf8'));
    const storage = openJsonStorage(file);
    await storage.update(ID, (current) => ({ ...current, status: 'running' }));
    await storage.create({ sessionId: 'second', agent: 'qa', laterField: { a: 1 } });

    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(after)).toEqual(['meta', 'version', 'sessions', 'trailer']);
    expect(after.meta).toEqual(before.meta);
    expect(after.trailer).toBe(42);
    expect(after.sessions[ID]).toEqual({ ...before.sessions[ID], status: 'running' });
    expect(after.sessions.second.laterField).toEqual({ a: 1 });
  });

  it('is pretty-printed with two spaces, exactly as JSON.stringify would', async () => {
    const file = storeWithExtras();
    const storage = openJsonStorage(file);
    await storage.create({ sessionId: 'x', agent: 'a', lastPrompt: 'quote "me"\nplease', list: [], obj: {} });
    await storage.update(ID, (current) => ({ ...current, turns: 3 }));
    await storage.delete('x');
    await storage.create({ sessionId: 'y', agent: 'b' });
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it("keeps the shape users query with jq '.sessions | keys', as the predecessor file did", async () => {
    const file = storeWithExtras();
    await openJsonStorage(file).create({ sessionId: 'second', agent: 'qa' });
    // CI machines have only Node and npm, so the query jq would run is done here by hand.
    const document = JSON.parse(readFileSync(file, 'utf8')) as { version: unknown; sessions: Record<string, { sessionId: string }> };
    expect(document.version).toBe(2);
    expect(Object.keys(document.sessions).sort()).toEqual([ID, 'second']);
    for (const [key, entry] of Object.entries(document.sessions)) expect(entry.sessionId).toBe(key);
  });

  it('keeps the previous version as sessions.json.bak on every write', async () => {
    const file = storeWithExtras();
    const storage = openJsonStorage(file);
    const original = readFileSync(file);
    await storage.create({ sessionId: 'second', agent: 'qa' });
    expect(readFileSync(`${file}.bak`).equals(original)).toBe(true);
    const afterFirst = readFileSync(file);
    await storage.delete('second');
    expect(readFileSync(`${file}.bak`).equals(afterFirst)).toBe(true);
    expect(statSync(file).ino).not.toBe(statSync(`${file}.bak`).ino);
  });

  it('sees changes written by another storage instance', async () => {
    const file = storeWithExtras();
    const reader = openJsonStorage(file);
    expect(await reader.list()).toHaveLength(1);
    await openJsonStorage(file).update(ID, (current) => ({ ...current, status: 'failed' }));
    expect((await reader.get(ID))?.status).toBe('failed');
  });

  it('lives at .genie/state/agents/sessions.json by default', () => {
    expect(defaultSessionsFile('/work/space')).toBe(join('/work/space', '.genie', 'state', 'agents', 'sessions.json'));
  });
});
