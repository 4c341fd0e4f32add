import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

/** Node 22.1+ has a compile cache of its own; genie turns it on where it exists. */
const NODE_HAS_COMPILE_CACHE = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe("node's compile cache", () => {
  const workspace = new TestWorkspace();
  const scratch = path.join(path.dirname(workspace.dir), 'tmp');
  fs.mkdirSync(scratch);
  /** Where node keeps it when NODE_COMPILE_CACHE does not say: `node-compile-cache` in the temp directory. */
  const cacheDir = path.join(scratch, 'node-compile-cache');

  afterEach(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it(`is ${NODE_HAS_COMPILE_CACHE ? 'filled by a genie run' : 'absent from this node, and genie runs without it'}`, async () => {
    workspace.env.TMPDIR = scratch;
    const result = await workspace.genie(['list', 'agents', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(fs.existsSync(cacheDir) && fs.readdirSync(cacheDir).length > 0).toBe(NODE_HAS_COMPILE_CACHE);
  });

  it('is left alone with NODE_DISABLE_COMPILE_CACHE=1', async () => {
    workspace.env.TMPDIR = scratch;
    workspace.env.NODE_DISABLE_COMPILE_CACHE = '1';
    const result = await workspace.genie(['list', 'agents', '--json']);
    expect(result.code).toBe(0);
    expect(fs.existsSync(cacheDir)).toBe(false);
  });
});
