import fs from 'node:fs';
import path from 'node:path';
import { describeResult, parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

/** Nine levels of nine-fold aliases: a billion strings once expanded. */
const ALIAS_BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((name, index) => {
  const previous = 'abcdefghi'[index] as string;
  return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
})];

describe('one bad agent or config file', () => {
  it('an alias bomb in one agent file leaves the other agents listed and runnable, and names the file', async () => {
    const workspace = new TestWorkspace();
    workspace.writeAgent('good', 'command', {}, 'ok');
    const bombFile = path.join(workspace.dir, '.genie', 'agents', 'bomb.md');
    fs.writeFileSync(bombFile, `---\nname: bomb\ngenie:\n${ALIAS_BOMB.map((line) => `  ${line}\n`).join('')}---\nboom\n`);

    const listed = await workspace.genie(['list', 'agents']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('good');
    expect(listed.stderr).toContain(bombFile);

    const json = await workspace.genie(['list', 'agents', '--json']);
    expect(json.code).toBe(0);
    const document = parseJsonDocument<{ agents: Array<{ id: string }>; problems: Array<Record<string, unknown>> }>(json);
    expect(document.agents.map((agent) => agent.id)).toEqual(['good', 'shell']);
    expect(document.problems).toEqual([expect.objectContaining({ agent: 'bomb', file: bombFile, code: 'AGENT_INVALID' })]);

    const run = await workspace.genie(['run', 'shell', 'echo still-works', '--no-background']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('still-works');

    const bomb = await workspace.genie(['run', 'bomb', 'hi', '--json']);
    expect(bomb.code).toBe(4);
    expect(parseJsonDocument<{ error: { code: string; message: string } }>(bomb).error).toMatchObject({ code: 'AGENT_INVALID' });
    expect(bomb.stdout).toContain(bombFile);
  });

  it('an alias bomb in config.yaml is CONFIG_INVALID naming the file, exit 4', async () => {
    const workspace = new TestWorkspace();
    const configFile = path.join(workspace.dir, '.genie', 'config.yaml');
    fs.writeFileSync(configFile, `modes:\n  bomb:\n${ALIAS_BOMB.map((line) => `    ${line}\n`).join('')}`);
    const result = await workspace.genie(['list', 'agents', '--json']);
    expect(result.code).toBe(4);
    const { error } = parseJsonDocument<{ error: { code: string; message: string } }>(result);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(configFile);
    expect(describeResult(result)).not.toContain('INTERNAL');
  });
});
