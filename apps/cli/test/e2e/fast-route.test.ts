import fs from 'node:fs';
import path from 'node:path';
import { parseJsonDocument } from './support/genie-process';
import { TestWorkspace, cleanUpWorkspaces } from './support/workspace';

afterAll(cleanUpWorkspaces);

/**
 * Counts, in the genie process itself, the reads of YARGS_MIN_NODE_VERSION: yargs-parser's
 * module reads it once as it is evaluated, and yargs' own module (yargs/build/index.cjs)
 * once more. Both are inlined in the bundle, so this is how a test can see which of them ran.
 */
function countingWorkspace(): { workspace: TestWorkspace; readsOfLastRun: () => number } {
  const workspace = new TestWorkspace();
  const readsOfLastRun = workspace.probe<number>(
    `let reads = 0;
process.env = new Proxy(process.env, {
  get(target, key) {
    if (key === 'YARGS_MIN_NODE_VERSION') reads += 1;
    return Reflect.get(target, key);
  },
});`,
    'reads',
  );
  return { workspace, readsOfLastRun };
}

describe('the fast route', () => {
  it('runs a background run, a list and a view without evaluating yargs; other command lines evaluate it', async () => {
    const { workspace, readsOfLastRun } = countingWorkspace();
    const run = await workspace.genie(['run', 'shell', 'true', '--background', '--json']);
    expect(run.code).toBe(0);
    expect(readsOfLastRun()).toBe(1);
    const { sessionId } = parseJsonDocument<{ sessionId: string }>(run);

    for (const args of [['list', 'sessions', '--json'], ['view', sessionId, '--json'], ['ls', 'agents']]) {
      const result = await workspace.genie(args);
      expect(result.code).toBe(0);
      // The command is named in the failure message.
      expect({ args, reads: readsOfLastRun() }).toEqual({ args, reads: 1 });
    }
    // The count tells: a command line the fast route declines loads yargs.
    for (const args of [['doctor', '--json'], ['list', 'sessions', '--json', '--bogus']]) {
      await workspace.genie(args);
      expect({ args, reads: readsOfLastRun() }).toEqual({ args, reads: 2 });
    }
  });
});

describe('the bundle', () => {
  it('holds one yargs-parser, the CommonJS build yargs requires, for yargs and the fast route alike', () => {
    const bundle = fs.readFileSync(path.resolve(__dirname, '../../dist/lib/main.js'), 'utf8');
    const copies = bundle.match(/^\/\/ \S*node_modules\/yargs-parser\/\S+$/gm) ?? [];
    expect(copies).toEqual([expect.stringMatching(/\/yargs-parser\/build\/index\.cjs$/)]);
  });
});

describe('what the fast route declines still gets yargs’ answer', () => {
  const workspace = new TestWorkspace();

  it.each([
    [['run', 'shell', 'x', '--bogus'], 'Unknown argument: bogus', 'genie run --help'],
    [['view', 'abc123', '-x'], 'Unknown argument: x', 'genie view --help'],
    [['stop', 'abc123', 'extra'], 'Unknown argument: extra', 'genie stop --help'],
    [['list', 'sessions', '--status', 'sleeping'], 'Invalid values:', 'genie list sessions --help'],
    [['list', 'sessions', '--limit'], '--limit needs a value', 'genie list sessions --help'],
    [['ls', '--all', 'agents'], 'Say what to list', 'genie ls --help'],
    [['run'], 'genie run needs an agent', 'genie run --help'],
  ])('`genie %j` is a usage error (exit 2)', async (args, message, help) => {
    const result = await workspace.genie(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(`Run \`${help}\` for usage.`);
  });

  it('help, the version and the completion script are printed by yargs (exit 0)', async () => {
    const help = await workspace.genie(['run', 'shell', 'x', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('genie run <agent> [prompt..]');
    expect(help.stdout).toContain('--no-background');
    const version = await workspace.genie(['view', 'abc123', '--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const completion = await workspace.genie(['completion']);
    expect(completion.code).toBe(0);
    expect(completion.stdout).toContain('genie --get-yargs-completions');
  });
});
