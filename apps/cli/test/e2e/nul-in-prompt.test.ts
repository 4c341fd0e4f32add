import { parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('a prompt holding a NUL', () => {
  it('is refused up front as a usage error, and no session is recorded', async () => {
    const workspace = new TestWorkspace();
    const result = await workspace.genie(['run', 'shell', '-', '--json'], 'echo a\u0000b\n');
    expect(result.code).toBe(2);
    const { error } = parseJsonDocument<{ error: { code: string; message: string; hint: string } }>(result);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('NUL');
    expect(error.hint).toContain('nothing was started');
    const human = await workspace.genie(['run', 'shell', '-'], '\u0000');
    expect(human.code).toBe(2);
    expect(human.stderr).toContain('NUL');
    const listed = parseJsonDocument<{ sessions: unknown[] }>(await workspace.genie(['list', 'sessions', '--json']));
    expect(listed.sessions).toEqual([]);
  });
});
