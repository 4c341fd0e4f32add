import fs from 'node:fs';
import path from 'node:path';
import { parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('a workspace whose .genie/state cannot be made a folder', () => {
  const workspace = new TestWorkspace();
  // A file where the state folder belongs fails the database's mkdir as a folder the user
  // may not write to does (EEXIST here, EACCES there), even for root.
  fs.writeFileSync(path.join(workspace.dir, '.genie', 'state'), 'not a folder\n');

  it('refuses `run` as a store I/O error (exit 4) that names the folder and says what to do', async () => {
    const result = await workspace.genie(['run', 'shell', 'echo hi', '--no-background', '--json']);
    expect(result.code).toBe(4);
    const { error } = parseJsonDocument<{ error: { code: string; message: string; hint: string | null } }>(result);
    expect(error.code).toBe('STORE_IO');
    expect(error.message).toContain(path.join(workspace.dir, '.genie', 'state'));
    expect(error.hint).toContain('writable');
  });
});
