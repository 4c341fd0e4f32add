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

  it('stops at GENIE_CEILING_DIRECTORIES: below a ceiling, the enclosing workspace is not found', async () => {
    const workspace = new TestWorkspace();
    const ceiling = path.join(workspace.dir, 'vendor');
    const sub = path.join(ceiling, 'lib');
    fs.mkdirSync(sub, { recursive: true });

    workspace.env.GENIE_CEILING_DIRECTORIES = ceiling;
    const result = await workspace.genie(['init', '--cwd', sub, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ workspace: sub });
    expect(fs.existsSync(path.join(sub, '.genie', 'config.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(workspace.dir, '.genie', 'config.yaml'))).toBe(false);
  });
});
