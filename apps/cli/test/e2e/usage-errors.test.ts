import { parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('usage errors speak genie, not the argument parser', () => {
  const workspace = new TestWorkspace();

  it.each([
    [['run'], 'genie run needs an agent', 'genie run <agent> [prompt..]'],
    [['resume'], 'genie resume needs a session', 'genie resume <session> [prompt..]'],
    [['view'], 'genie view needs a session', 'genie view <session>'],
    [['stop'], 'genie stop needs a session', 'genie stop <session>'],
  ])('`genie %j` says what is missing and shows the usage line', async (args, what, usage) => {
    const result = await workspace.genie(args);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('non-option arguments');
    expect(result.stderr).toContain(what);
    expect(result.stderr).toContain(usage);
  });

  it.each([
    [['list', 'sessions', '--limit'], 'limit'],
    // Without a value these filtered by an empty agent, or not at all, and exited 0.
    [['list', 'sessions', '--agent'], 'agent'],
    [['list', 'sessions', '--status'], 'status'],
    // Without a value a model of "" was passed on to the agent CLI.
    [['run', 'shell', 'echo x', '--no-background', '--model'], 'model'],
    [['run', 'shell', 'echo x', '--no-background', '--executor'], 'executor'],
    [['run', 'shell', 'echo x', '--no-background', '--mode'], 'mode'],
    [['run', 'shell', 'echo x', '--no-background', '--name'], 'name'],
    // A value that looks like grouped short flags (-d -a -s -h) printed the help and exited 0.
    [['run', 'shell', 'echo x', '--no-background', '--name', '-dash'], 'name'],
  ])('`genie %j`: an option without its value names the option', async (args, option) => {
    const result = await workspace.genie(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain('Not enough arguments following');
    expect(result.stderr).toContain(`--${option} needs a value`);
  });

  it('with --json the same message is the error document', async () => {
    const result = await workspace.genie(['view', '--json']);
    expect(result.code).toBe(2);
    const document = parseJsonDocument<{ error: { code: string; message: string } }>(result);
    expect(document.error.code).toBe('INVALID_INPUT');
    expect(document.error.message).toContain('genie view needs a session');
  });
});

describe('the help a usage error points to', () => {
  const workspace = new TestWorkspace();

  it('is the command’s own help even when a global option comes first', async () => {
    const result = await workspace.genie(['--cwd', workspace.dir, 'stop']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Run `genie stop --help` for usage.');
  });
});

describe('usage errors, help, the version and the completion script come from yargs', () => {
  const workspace = new TestWorkspace();

  it.each([
    [['run', 'shell', 'x', '--bogus'], 'Unknown argument: bogus', 'genie run --help'],
    [['view', 'abc123', '-x'], 'Unknown argument: x', 'genie view --help'],
    [['stop', 'abc123', 'extra'], 'Unknown argument: extra', 'genie stop --help'],
    [['list', 'sessions', '--status', 'sleeping'], 'Invalid values:', 'genie list sessions --help'],
    [['list', 'sessions', '--limit'], '--limit needs a value', 'genie list sessions --help'],
    [['ls', '--all', 'agents'], 'Say what to list', 'genie list --help'],
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
