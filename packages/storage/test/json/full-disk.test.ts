import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openJsonStorage } from '../../src/json/json-storage';
import { tempDir } from '../helpers/temp-dir';

const PAGE = 4096;

/** Fills the filesystem of `dir` to the last byte. */
function fill(file: string): void {
  const fd = openSync(file, 'a');
  const chunk = Buffer.alloc(PAGE, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

describe('a JSON store on a full disk', () => {
  const dir = tempDir('full-disk');
  beforeAll(() => {
    // A small tmpfs of the test's own (root can mount one), unmounted at the end.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', dir]);
  });
  afterAll(() => {
    spawnSync('umount', ['-l', dir]);
  });

  it('refuses a write it cannot complete and leaves no temp file behind', async () => {
    const file = join(dir, 'sessions.json');
    const storage = openJsonStorage(file);
    try {
      await storage.create({ sessionId: 's1', agent: 'a', lastPrompt: 'first' });
      // One page left: enough to begin the write, not to finish it.
      writeFileSync(join(dir, 'reserve'), Buffer.alloc(PAGE));
      fill(join(dir, 'filler'));
      rmSync(join(dir, 'reserve'));

      await expect(storage.update('s1', (entry) => ({ ...entry, lastPrompt: 'x'.repeat(64 * 1024) }))).rejects.toMatchObject({
        code: 'STORE_IO',
        message: expect.stringContaining('ENOSPC'),
      });

      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      await expect(storage.get('s1')).resolves.toMatchObject({ lastPrompt: 'first' });
    } finally {
      rmSync(join(dir, 'filler'), { force: true });
      await storage.close();
    }
  });
});
