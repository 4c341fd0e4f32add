import fs from 'node:fs';
import path from 'node:path';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

interface ErrorJson {
  error: { code: string; message: string; hint: string | null };
}

describe('something else where the session store belongs', () => {
  it('a directory named genie.db: doctor reports a store error (exit 4) that says what to check, not an internal one', async () => {
    const workspace = new TestWorkspace();
    fs.mkdirSync(workspace.databaseFile, { recursive: true });

    const doctor = await workspace.genie(['doctor', '--json']);
    expect(doctor.code).toBe(4);
    const { error } = JSON.parse(doctor.stdout) as ErrorJson;
    expect(error.code).toBe('STORE_IO');
    expect(error.message).toContain(workspace.databaseFile);
    expect(error.hint).toEqual(expect.any(String));
  });

  it('a file named .genie/state: run is refused as a store error (exit 4) naming it, and records nothing', async () => {
    const workspace = new TestWorkspace();
    const stateDir = path.join(workspace.dir, '.genie', 'state');
    fs.writeFileSync(stateDir, 'not a directory');

    const run = await workspace.genie(['run', 'shell', 'echo hello', '--json']);
    expect(run.code).toBe(4);
    const { error } = JSON.parse(run.stdout) as ErrorJson;
    expect(error.code).toBe('STORE_IO');
    expect(error.message).toContain(stateDir);
    expect(error.hint).toEqual(expect.any(String));
    expect(fs.readFileSync(stateDir, 'utf8')).toBe('not a directory');
  });
});
