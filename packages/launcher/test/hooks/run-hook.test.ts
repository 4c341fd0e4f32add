import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitUntilGone } from '../../../../tooling/process-gone';
import { runHook } from '../../src/hooks/run-hook';

const base = { cwd: os.tmpdir(), env: process.env, stdin: '{}\n', timeoutMs: 10_000 };

describe('runHook', () => {
  it('resolves null for a hook that exits 0, and hands it stdin', async () => {
    expect(await runHook({ ...base, argv: ['sh', '-c', 'test "$(cat)" = "{}"'] })).toBeNull();
  });

  it('says how a hook failed, with the end of its stderr cleaned of terminal escapes', async () => {
    expect(await runHook({ ...base, argv: ['sh', '-c', 'printf "\\033[31mred\\033[0m alert" >&2; exit 5'] })).toBe('exited with code 5: [31mred[0m alert');
  });

  it('reports a program that does not exist, and an empty command, without throwing', async () => {
    expect(await runHook({ ...base, argv: ['/nonexistent/genie-hook'] })).toMatch(/^could not start: .*ENOENT/);
    expect(await runHook({ ...base, argv: [] })).toBe('the hook has an empty command');
  });

  it('does not mind a hook that exits without reading a large stdin', async () => {
    expect(await runHook({ ...base, argv: ['true'], stdin: 'x'.repeat(4 * 1024 * 1024) })).toBeNull();
  });

  it('kills a hook and what it started once the timeout passes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-hook-'));
    const pidFile = path.join(dir, 'child.pid');
    try {
      const result = await runHook({ ...base, argv: ['sh', '-c', `sleep 60 & echo $! > ${pidFile}; wait`], timeoutMs: 300 });
      expect(result).toBe('timed out after 300 ms and was killed');
      const child = Number(fs.readFileSync(pidFile, 'utf8'));
      // SIGKILL is sent to the whole group at once; each process ends when it is next scheduled.
      expect(await waitUntilGone(child, 5_000)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
