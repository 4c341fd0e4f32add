import fs from 'node:fs';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('genie migrate where there is no store yet', () => {
  it('says there is nothing to migrate because there is no store, and creates none', async () => {
    const workspace = new TestWorkspace();
    const result = await workspace.genie(['migrate']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('already version');
    expect(result.stdout).toContain('No session store');
    expect(result.stdout).toContain('nothing to migrate');
    expect(fs.existsSync(workspace.sessionsFile)).toBe(false);
  });
});
