import fs from 'node:fs';
import path from 'node:path';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('where genie init writes', () => {
  it('fills the enclosing workspace from a subdirectory, says which, and its help says so', async () => {
    const workspace = new TestWorkspace();
    const sub = path.join(workspace.dir, 'packages', 'app');
    fs.mkdirSync(sub, { recursive: true });

    const result = await workspace.genie(['init', '--cwd', sub]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`workspace ${workspace.dir}`);
    expect(fs.existsSync(path.join(workspace.dir, '.genie', 'config.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(sub, '.genie'))).toBe(false);

    const help = await workspace.genie(['init', '--help']);
    expect(help.stdout).not.toContain('Create .genie/ here');
    expect(help.stdout).toContain('enclosing workspace');
  });
});
