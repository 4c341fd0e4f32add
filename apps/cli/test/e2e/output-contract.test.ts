import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describeResult, GENIE_BIN, parseJsonDocument, runGenie } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

const ANSI = /\u001b\[/;

describe('a directory with no .genie', () => {
  const workspace = new TestWorkspace({ genieDir: false });

  it('runs the built-in shell agent in the foreground and creates .genie/state', async () => {
    expect(fs.existsSync(path.join(workspace.dir, '.genie'))).toBe(false);
    const result = await workspace.genie(['run', 'shell', 'echo hi', '--no-background']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^shell-\d{10} [0-9a-f-]{36}$/);
    expect(lines).toContain('hi');
    expect(result.stdout).toContain('completed');
    expect(fs.existsSync(path.join(workspace.dir, '.genie', 'state'))).toBe(true);
  });
});

describe('output', () => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('claude-agent', 'claude');
  let session: SessionJson;

  beforeAll(async () => {
    session = await workspace.json(['run', 'claude-agent', '[tool:ls -la] look around', '--no-background', '--name', 'looker']);
  });

  it('run/resume/view/stop --json print one document with the documented fields', async () => {
    for (const field of ['sessionId', 'name', 'agent', 'executor', 'executorSessionId', 'status', 'exitCode', 'answer', 'usage', 'costUsd']) {
      expect(session).toHaveProperty(field);
    }
    expect(session.usage?.inputTokens).toEqual(expect.any(Number));
    expect(session.costUsd).toEqual(expect.any(Number));
    const view = await workspace.json(['view', 'looker']);
    expect(view.sessionId).toBe(session.sessionId);
    expect(view.lastTurn?.turn).toBe(1);
    const stop = await workspace.json(['stop', 'looker']);
    expect(stop.status).toBe('completed');
  });

  it('lists are wrapped: { sessions: [...] } and { agents: [...] }', async () => {
    const sessions = await workspace.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(Object.keys(sessions)).toEqual(['sessions']);
    const agents = await workspace.json<{ agents: Array<{ id: string; executor: string }> }>(['ls', 'agents']);
    expect(Object.keys(agents)).toEqual(['agents']);
    expect(agents.agents.map((agent) => agent.id)).toEqual(expect.arrayContaining(['claude-agent', 'shell']));
  });

  it('a foreground run streams tool calls and the answer as they happen', async () => {
    const result = await workspace.genie(['run', 'claude-agent', '[tool:git status] check the repo', '--no-background']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('→ Bash: git status');
    expect(result.stdout).toContain('Done: check the repo');
    expect(result.stdout.indexOf('→ Bash')).toBeLessThan(result.stdout.indexOf('Done: check the repo'));
  });

  it('has no ANSI escapes when stdout is not a terminal, or when NO_COLOR is set', async () => {
    for (const env of [workspace.env, { ...workspace.env, NO_COLOR: '1' }, { ...workspace.env, FORCE_COLOR: '1' }]) {
      for (const args of [['list', 'sessions'], ['ls', 'agents'], ['view', 'looker', '--full'], ['run', 'shell', 'echo plain', '--no-background']]) {
        const result = await runGenie(args, { cwd: workspace.dir, env });
        expect(result.code).toBe(0);
        expect(result.stdout).not.toMatch(ANSI);
        expect(result.stderr).not.toMatch(ANSI);
      }
    }
  });

  it('human list and view show the session', async () => {
    const list = await workspace.genie(['list', 'sessions']);
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+AGENT\s+STATUS\s+TURNS\s+COST\s+LAST USED\s+LAST PROMPT$/);
    expect(list.stdout).toContain('looker');
    const view = await workspace.genie(['view', 'looker']);
    expect(view.stdout).toContain('completed');
    expect(view.stdout).toContain('Done: look around');
    expect(view.stdout).toMatch(/\$\d+\.\d{4}/);
  });

  it('reads the prompt from stdin when it is `-`', async () => {
    const result = await workspace.genie(['run', 'shell', '-', '--no-background', '--json'], 'echo from-stdin\n');
    const view = parseJsonDocument<SessionJson>(result);
    expect(view.status).toBe('completed');
    expect(view.lastPrompt).toBe('echo from-stdin');
  });

  it('takes words after -- as the prompt, even when they start with -', async () => {
    const result = await workspace.genie(['run', 'shell', '--no-background', '--json', '--', 'echo', '-n', 'dashed']);
    const view = parseJsonDocument<SessionJson>(result);
    expect(view.lastPrompt).toBe('echo -n dashed');
    expect(view.status).toBe('completed');
  });

  it('every --json command prints exactly one document', async () => {
    for (const args of [['list', 'agents'], ['list', 'sessions'], ['view', 'looker', '--full'], ['doctor'], ['migrate', '--dry-run']]) {
      const result = await workspace.genie([...args, '--json']);
      expect(result.code).toBe(0);
      expect(() => parseJsonDocument(result)).not.toThrow();
    }
  });
});

describe('a reader that stops early (`genie list sessions --json | head`)', () => {
  const workspace = new TestWorkspace();

  it('ends genie quietly, exit 0, no EPIPE trace', async () => {
    const sessions: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i += 1) {
      const sessionId = `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
      sessions[sessionId] = { sessionId, agent: 'shell', name: `s-${i}`, status: 'completed', created: '2026-01-01T00:00:00.000Z', lastPrompt: 'x'.repeat(150) };
    }
    fs.mkdirSync(path.dirname(workspace.sessionsFile), { recursive: true });
    fs.writeFileSync(workspace.sessionsFile, JSON.stringify({ version: 2, sessions }));
    // The import and its notice happen first, on their own.
    expect((await workspace.genie(['migrate'])).code).toBe(0);
    const child = spawn(process.execPath, [GENIE_BIN, 'list', 'sessions', '--json'], { cwd: workspace.dir, env: workspace.env });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('help and version', () => {
  const workspace = new TestWorkspace();

  it('--version prints the version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(GENIE_BIN), '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const result = await workspace.genie([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
    }
  });

  it.each([
    ['run'],
    ['resume'],
    ['view'],
    ['stop'],
    ['list'],
    ['list agents'],
    ['list sessions'],
    ['migrate'],
    ['doctor'],
    ['init'],
    ['mcp'],
    ['completion'],
  ])('genie %s --help explains the command', async (command) => {
    const result = await workspace.genie([...command.split(' '), '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`genie ${command}`);
    expect(result.stderr).toBe('');
    // Wrapped to the terminal (100 columns when stdout is not one), with `-h` as with `--help`.
    expect(Math.max(...result.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    expect((await workspace.genie([...command.split(' '), '-h'])).stdout).toBe(result.stdout);
  });

  it('genie --help lists every command', async () => {
    const result = await workspace.genie(['--help']);
    for (const command of ['run', 'resume', 'view', 'stop', 'list', 'migrate', 'doctor', 'init', 'mcp', 'completion']) {
      expect(result.stdout).toContain(`genie ${command}`);
    }
  });

  it('genie completion prints a shell script', async () => {
    const result = await workspace.genie(['completion']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('genie');
    expect(result.stdout).toMatch(/complete/);
  });

  it('genie init creates the workspace files', async () => {
    const fresh = new TestWorkspace({ genieDir: false });
    const result = await fresh.genie(['init']);
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(fresh.dir, '.genie', 'config.yaml'))).toBe(true);
    const agents = await fresh.json<{ agents: Array<{ id: string; executor: string }> }>(['list', 'agents']);
    expect(new Set(agents.agents.map((agent) => agent.executor))).toEqual(new Set(['claude', 'codex', 'command']));
    expect(describeResult(result)).toContain('config.yaml');
  });
});
