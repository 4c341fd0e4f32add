import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newSessionId } from '../../src/sessions/new-session-id';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function sourceHolding(bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-session-id-'));
  const file = path.join(dir, 'random');
  fs.writeFileSync(file, bytes);
  return file;
}

describe('newSessionId', () => {
  it('gives version 4 UUIDs that never repeat', () => {
    const ids = Array.from({ length: 20_000 }, () => newSessionId());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the random bytes it read, with the version and variant bits set', () => {
    expect(newSessionId(sourceHolding(Buffer.alloc(16, 0xff)))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(newSessionId(sourceHolding(Buffer.alloc(16, 0x00)))).toBe('00000000-0000-4000-8000-000000000000');
    const counting = Buffer.from(Array.from({ length: 16 }, (_, index) => index * 17));
    expect(newSessionId(sourceHolding(counting))).toBe('00112233-4455-4677-8899-aabbccddeeff');
  });

  it('uses node:crypto where the random source cannot be read, or gives too few bytes', () => {
    for (const source of [path.join(os.tmpdir(), 'genie-no-such-random-source'), sourceHolding(Buffer.alloc(8, 0xff))]) {
      const ids = [newSessionId(source), newSessionId(source)];
      for (const id of ids) expect(id).toMatch(UUID_V4);
      expect(ids[0]).not.toBe(ids[1]);
    }
  });
});
