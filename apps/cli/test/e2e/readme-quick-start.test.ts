import fs from 'node:fs';
import path from 'node:path';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

const README = path.resolve(__dirname, '../../../../README.md');

/** The indented command lines of the README's "Quick start" section. */
function quickStartCommands(): string[] {
  const text = fs.readFileSync(README, 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith('Quick start'));
  if (!section) throw new Error('README.md has no "## Quick start" section');
  return section
    .split('\n')
    .filter((line) => /^ {4}\S/.test(line))
    .map((line) => line.trim());
}

/** `genie ...` arguments of a shell line, honouring double quotes. */
function genieArgs(line: string): string[] {
  const part = line.slice(line.indexOf('npx genie ') + 'npx genie '.length);
  return [...part.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

describe('the README quick start', () => {
  it('is two commands: install-and-run, then npm test', () => {
    const commands = quickStartCommands();
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^npm install && npx genie /);
    expect(commands[1]).toBe('npm test');
  });

  it('its genie command works exactly as written in a fresh directory', async () => {
    const [first] = quickStartCommands();
    const workspace = new TestWorkspace({ genieDir: false });
    const args = genieArgs(first ?? '');
    const result = await workspace.genie(args);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('hello from genie');
    expect(result.stdout).toContain('completed');
  });
});

describe('the README configuration example', () => {
  it('is a valid .genie/config.yaml', async () => {
    const text = fs.readFileSync(README, 'utf8');
    const yaml = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(text)?.[1];
    expect(yaml).toBeDefined();
    const workspace = new TestWorkspace();
    fs.writeFileSync(path.join(workspace.dir, '.genie', 'config.yaml'), yaml ?? '');
    const result = await workspace.genie(['run', 'shell', 'echo configured', '--no-background']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
