import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtinsLoadedBy } from '../../../tooling/loaded-builtins';

const PACKAGE_DIR = path.resolve(__dirname, '..');

/** Every command that opens the store loads this package; what it loads at start-up, each pays. */
describe('loading the built storage package', () => {
  it.each(['cjs', 'esm'] as const)('as %s loads neither crypto nor fs/promises', (format) => {
    const loaded = builtinsLoadedBy('@genie/storage', format, PACKAGE_DIR);
    expect(loaded).toContain('fs');
    expect(loaded).not.toContain('crypto');
    expect(loaded).not.toContain('fs/promises');
  });

  it('reads and writes an existing store (lock, backup, replace) without loading any further node module', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-start-up-'));
    try {
      const store = { version: 2, sessions: { a: { sessionId: 'a', agent: 'x' } } };
      fs.writeFileSync(path.join(dir, 'sessions.json'), `${JSON.stringify(store, null, 2)}\n`);
      const program = `
const { openJsonStorage } = require('@genie/storage');
const file = ${JSON.stringify(path.join(dir, 'sessions.json'))};
(async () => {
  const storage = openJsonStorage(file);
  const before = new Set(process.moduleLoadList);
  await storage.create({ sessionId: 'b', agent: 'x' });
  await storage.update('b', (entry) => ({ ...entry, status: 'running' }));
  const loaded = JSON.stringify(process.moduleLoadList.filter((entry) => !before.has(entry)));
  process.stdout.write(loaded);
})();`;
      const loaded = JSON.parse(execFileSync(process.execPath, ['-e', program], { cwd: PACKAGE_DIR, encoding: 'utf8' })) as string[];
      expect(loaded).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
