import fs from 'node:fs';
import path from 'node:path';
import { runGenie, type GenieResult } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/**
 * Runs genie as a user that file permissions apply to: root writes everything, so under root
 * the command runs as nobody (util-linux `setpriv`), owning the workspace as a user would.
 */
function genieAsUser(workspace: TestWorkspace, args: string[]): Promise<GenieResult> {
  const via = asRoot ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'] : [];
  return runGenie(args, { cwd: workspace.dir, env: workspace.env, via });
}

function chownTree(dir: string): void {
  fs.chownSync(dir, NOBODY, NOBODY);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(child);
    else fs.chownSync(child, NOBODY, NOBODY);
  }
}

describe('a session database this user cannot write', () => {
  it('names the -shm file a read-only open left behind, which a chmod of the database alone does not fix', async () => {
    const workspace = new TestWorkspace();
    await workspace.json(['run', 'shell', 'echo one', '--no-background', '--name', 'one']);
    if (asRoot) chownTree(path.dirname(workspace.dir));

    // Read while the database file is read-only: SQLite makes its -shm with the file's permissions.
    fs.chmodSync(workspace.databaseFile, 0o444);
    const listed = await genieAsUser(workspace, ['list', 'sessions', '--json']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('"name":"one"');
    fs.chmodSync(workspace.databaseFile, 0o644);
    expect(fs.existsSync(`${workspace.databaseFile}-shm`)).toBe(true);

    const refused = await genieAsUser(workspace, ['run', 'shell', 'echo two', '--no-background', '--json']);
    expect(refused.code).toBe(4);
    const { error } = JSON.parse(refused.stdout) as { error: { code: string; message: string; hint: string; details: { notWritable: string[] } } };
    expect(error.code).toBe('STORE_IO');
    expect(error.message).toContain(`${workspace.databaseFile}-shm`);
    expect(error.details.notWritable).toContain(`${workspace.databaseFile}-shm`);
    expect(error.hint).toContain('chmod u+w');

    // Doing what the error says is enough.
    for (const file of error.details.notWritable) fs.chmodSync(file, 0o644);
    const ran = await genieAsUser(workspace, ['run', 'shell', 'echo two', '--no-background', '--json']);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ status: 'completed', answer: 'two' });
  });
});
