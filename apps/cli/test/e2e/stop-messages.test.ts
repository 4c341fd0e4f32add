import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';
import { until } from './support/until';

afterAll(() => cleanUpWorkspaces());

describe('genie stop says whether it stopped anything', () => {
  const workspace = new TestWorkspace();

  it('the first stop stops the turn; a second stop says there was nothing left to stop', async () => {
    await workspace.json(['run', 'shell', 'sleep 60', '--background', '--name', 'stop-twice']);
    await until(() => workspace.json(['view', 'stop-twice']), (view) => view.status === 'running');

    const first = await workspace.genie(['stop', 'stop-twice']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('stopped');
    expect(first.stdout).not.toContain('nothing to stop');

    const second = await workspace.genie(['stop', 'stop-twice']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('stopped');
    expect(second.stdout).toContain('nothing to stop');
  });

  it('stopping a finished session says it had already ended', async () => {
    await workspace.json(['run', 'shell', 'echo done', '--no-background', '--name', 'already-done']);
    const result = await workspace.genie(['stop', 'already-done']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('completed');
    expect(result.stdout).toContain('nothing to stop');
  });
});
