import { parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
const TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J\u001b[H';

function expectNoEscapes(text: string): void {
  expect(text).not.toContain('\u001b');
  expect(text).not.toContain('\u0007');
}

describe('escape sequences from prompts and agent output never reach the terminal raw', () => {
  const workspace = new TestWorkspace();

  it('a foreground run streams the output without title and clear-screen codes', async () => {
    const result = await workspace.genie(['run', 'shell', '--name', 'noisy', '--no-background', '--', `printf '\\033]0;pwned\\007\\033[2J\\033[Hvisible\\n'`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('visible');
    expectNoEscapes(result.stdout);
    expectNoEscapes(result.stderr);
  });

  it('list, view and errors show a prompt holding an OSC 52 clipboard write without it; --json keeps the exact text', async () => {
    const prompt = `echo hi # ${OSC52}${TITLE}${CLEAR}`;
    const run = await workspace.genie(['run', 'shell', '--name', 'clipboard', '--no-background', '--', prompt]);
    expect(run.code).toBe(0);
    expectNoEscapes(run.stdout);

    const list = await workspace.genie(['list', 'sessions']);
    expect(list.stdout).toContain('clipboard');
    expectNoEscapes(list.stdout);
    const view = await workspace.genie(['view', 'clipboard', '--full']);
    expect(view.stdout).toContain('echo hi');
    expectNoEscapes(view.stdout);

    const json = parseJsonDocument<{ sessions: Array<{ name: string; lastPrompt: string }> }>(await workspace.genie(['list', 'sessions', '--json']));
    expect(json.sessions.find((session) => session.name === 'clipboard')?.lastPrompt).toBe(prompt);

    const missing = await workspace.genie(['view', `nope${TITLE}`]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('nope');
    expectNoEscapes(missing.stderr);
  });
});
