import fs from 'node:fs';
import path from 'node:path';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

interface ArgvRecord {
  binary: string;
  argv: string[];
  cwd: string;
}

/** The doubles append each invocation's argv to $GENIE_DOUBLE_ARGV_LOG. */
function invocations(file: string): ArgvRecord[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ArgvRecord);
}

function valueAfter(argv: string[], flag: string): string | undefined {
  const index = argv.indexOf(flag);
  return index === -1 ? undefined : argv[index + 1];
}

describe('command-line options reach the agent CLI', () => {
  const workspace = new TestWorkspace();
  const argvLog = path.join(path.dirname(workspace.dir), 'argv.jsonl');
  workspace.env.GENIE_DOUBLE_ARGV_LOG = argvLog;
  workspace.writeAgent('helper', 'claude', { model: 'sonnet' });
  workspace.writeAgent('plain', 'claude');
  fs.writeFileSync(path.join(workspace.dir, '.genie', 'config.yaml'), 'modes:\n  careful:\n    model: opus\n');

  beforeEach(() => fs.rmSync(argvLog, { force: true }));

  it("uses the agent's model by default", async () => {
    await workspace.json(['run', 'helper', 'hello', '--no-background']);
    const [call] = invocations(argvLog);
    expect(call?.binary).toBe('claude');
    expect(valueAfter(call?.argv ?? [], '--model')).toBe('sonnet');
  });

  it('--model overrides it', async () => {
    await workspace.json(['run', 'helper', 'hello', '--no-background', '--model', 'haiku']);
    expect(valueAfter(invocations(argvLog)[0]?.argv ?? [], '--model')).toBe('haiku');
  });

  it('--mode applies a named mode from config.yaml', async () => {
    const session = await workspace.json(['run', 'plain', 'hello', '--no-background', '--mode', 'careful']);
    expect(session.status).toBe('completed');
    expect(valueAfter(invocations(argvLog)[0]?.argv ?? [], '--model')).toBe('opus');
  });

  it('--executor runs the agent on another CLI', async () => {
    const session = await workspace.json(['run', 'helper', 'remember teal', '--no-background', '--executor', 'codex', '--model', 'gpt-5-codex']);
    expect(session.executor).toBe('codex');
    const [call] = invocations(argvLog);
    expect(call?.binary).toBe('codex');
    expect(valueAfter(call?.argv ?? [], '--model') ?? valueAfter(call?.argv ?? [], '-m')).toBe('gpt-5-codex');
    const recalled = await workspace.json(['resume', session.sessionId, 'what did I ask you to remember?', '--no-background']);
    expect(recalled.answer).toBe('You asked me to remember teal.');
  });
});

describe('the workspace', () => {
  const workspace = new TestWorkspace();

  it('is found from a subdirectory, and --cwd and GENIE_WORKSPACE point elsewhere', async () => {
    const started = await workspace.json(['run', 'shell', 'echo here', '--no-background', '--name', 'found']);
    const nested = path.join(workspace.dir, 'src', 'deep');
    fs.mkdirSync(nested, { recursive: true });

    const fromSubdir = await workspace.genie(['view', 'found', '--json', '--cwd', nested]);
    expect(JSON.parse(fromSubdir.stdout).sessionId).toBe(started.sessionId);

    const other = new TestWorkspace();
    const elsewhere = await other.genie(['view', 'found', '--json', '--cwd', workspace.dir]);
    expect(elsewhere.code).toBe(0);
    const notThere = await other.genie(['view', 'found']);
    expect(notThere.code).toBe(3);

    const own = await other.json<{ sessions: unknown[] }>(['list', 'sessions']);
    expect(own.sessions).toHaveLength(0);
    other.env.GENIE_WORKSPACE = workspace.dir;
    const viaEnv = await other.json<{ sessions: Array<{ sessionId: string }> }>(['list', 'sessions']);
    expect(viaEnv.sessions.map((session) => session.sessionId)).toEqual([started.sessionId]);
  });
});
