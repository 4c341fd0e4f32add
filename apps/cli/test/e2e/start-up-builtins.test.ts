import path from 'node:path';
import { parseJsonDocument } from './support/genie-process';
import { TestWorkspace, cleanUpWorkspaces } from './support/workspace';

afterAll(cleanUpWorkspaces);

/** Records the public node builtins the genie process itself loaded, at its exit. */
function recordingWorkspace(): { workspace: TestWorkspace; builtinsOfLastRun: () => string[] } {
  const workspace = new TestWorkspace();
  const builtinsOfLastRun = workspace.probe<string[]>(
    '',
    "process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ') && !entry.startsWith('NativeModule internal/')).map((entry) => entry.slice('NativeModule '.length))",
  );
  workspace.env.GENIE_COMPILE_CACHE = path.join(path.dirname(workspace.dir), 'compile-cache');
  delete workspace.env.NODE_DISABLE_COMPILE_CACHE;
  return { workspace, builtinsOfLastRun };
}

describe('start-up', () => {
  // node:crypto costs ~2 ms to load, a tenth of a background run's own time: session ids
  // and the compile cache's damage check do without it.
  it('loads no node:crypto for a background run, a list or a view, with or without a code cache entry', async () => {
    const { workspace, builtinsOfLastRun } = recordingWorkspace();
    for (let pass = 1; pass <= 2; pass += 1) {
      const run = await workspace.genie(['run', 'shell', 'true', '--background', '--json']);
      expect(run.code).toBe(0);
      const loadedByRun = builtinsOfLastRun();
      expect(loadedByRun).toContain('child_process');
      expect(loadedByRun).not.toContain('crypto');

      const { sessionId } = parseJsonDocument<{ sessionId: string }>(run);
      for (const args of [['list', 'sessions', '--json'], ['view', sessionId, '--json']]) {
        const result = await workspace.genie(args);
        expect(result.code).toBe(0);
        // The command is named in the failure message.
        expect({ args, crypto: builtinsOfLastRun().includes('crypto') }).toEqual({ args, crypto: false });
      }
    }
  });

  it('loads neither node:crypto nor node:child_process for --version', async () => {
    const { workspace, builtinsOfLastRun } = recordingWorkspace();
    const result = await workspace.genie(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const loaded = builtinsOfLastRun();
    expect(loaded).not.toContain('crypto');
    expect(loaded).not.toContain('child_process');
  });
});
