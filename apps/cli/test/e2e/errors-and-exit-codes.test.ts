import fs from 'node:fs';
import path from 'node:path';
import { parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

interface ErrorDocument {
  error: { code: string; message: string; hint: string | null; details: Record<string, unknown> };
}

describe('errors say what happened, what to do next, and exit with their code', () => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('reviewer', 'claude');
  workspace.writeAgent('implementor', 'codex');

  it('an unknown agent exits 3 and names the closest agents', async () => {
    const result = await workspace.genie(['run', 'reviewr', 'check this']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('reviewr');
    expect(result.stderr).toContain('reviewer');
  });

  it('an unknown agent with --json is one error document on stdout, and exit 3', async () => {
    const result = await workspace.genie(['run', 'reviewr', 'check this', '--json']);
    expect(result.code).toBe(3);
    const document = parseJsonDocument<ErrorDocument>(result);
    expect(document.error.code).toBe('AGENT_NOT_FOUND');
    expect(document.error.message).toContain('reviewr');
  });

  it.each([['view'], ['stop'], ['resume']])('an unknown session exits 3 for `%s`, with a hint', async (command) => {
    const args = command === 'resume' ? [command, 'no-such-session', 'hello'] : [command, 'no-such-session'];
    const result = await workspace.genie(args);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no-such-session');
    expect(result.stderr).toMatch(/genie list sessions/);
    const json = parseJsonDocument<ErrorDocument>(await workspace.genie([...args, '--json']));
    expect(json.error.code).toBe('SESSION_NOT_FOUND');
    expect(json.error.hint).toEqual(expect.any(String));
  });

  it('a taken --name exits 2', async () => {
    await workspace.json(['run', 'shell', 'true', '--no-background', '--name', 'taken']);
    const result = await workspace.genie(['run', 'shell', 'true', '--no-background', '--name', 'taken', '--json']);
    expect(result.code).toBe(2);
    expect(parseJsonDocument<ErrorDocument>(result).error.code).toBe('NAME_TAKEN');
  });

  it('usage errors exit 2 and point at --help', async () => {
    const unknownOption = await workspace.genie(['list', 'sessions', '--bogus']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain('genie list sessions --help');
    const missing = await workspace.genie(['view']);
    expect(missing.code).toBe(2);
    const noCommand = await workspace.genie([]);
    expect(noCommand.code).toBe(2);
    const badStatus = await workspace.genie(['list', 'sessions', '--status', 'sleeping', '--json']);
    expect(badStatus.code).toBe(2);
    expect(parseJsonDocument<ErrorDocument>(badStatus).error.code).toBe('INVALID_INPUT');
  });

  it('a missing prompt is a usage error', async () => {
    const result = await workspace.genie(['run', 'shell']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('prompt');
  });
});

describe('an ambiguous agent reference', () => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('qa/reviewer', 'claude');
  workspace.writeAgent('docs/reviewer', 'codex');

  it('exits 2 and names the agents it could mean', async () => {
    const result = await workspace.genie(['run', 'reviewer', 'check this', '--json']);
    expect(result.code).toBe(2);
    const document = parseJsonDocument<ErrorDocument>(result);
    expect(document.error.code).toBe('AGENT_AMBIGUOUS');
    expect(document.error.message).toContain('docs/reviewer, qa/reviewer');
  });
});

describe('an ambiguous id prefix', () => {
  const workspace = new TestWorkspace();

  it('exits 2 and lists the candidates', async () => {
    const store = {
      version: 2,
      sessions: Object.fromEntries(
        ['abcdef01-0000-4000-8000-000000000001', 'abcdef02-0000-4000-8000-000000000002'].map((id, index) => [
          id,
          { sessionId: id, agent: 'shell', name: `s${index}`, executor: 'command', status: 'completed', created: '2026-01-01T00:00:00.000Z' },
        ]),
      ),
    };
    fs.mkdirSync(path.dirname(workspace.sessionsFile), { recursive: true });
    fs.writeFileSync(workspace.sessionsFile, JSON.stringify(store, null, 2));
    const result = await workspace.genie(['view', 'abcdef']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('abcdef01');
    expect(result.stderr).toContain('abcdef02');
    const unique = await workspace.json(['view', 'abcdef02']);
    expect(unique.name).toBe('s1');
  });
});

describe('a corrupt store', () => {
  const workspace = new TestWorkspace();
  const corrupt = '{"version":2,"sessions":{"abc": {"sessionId": "abc", "agent": "sh';

  beforeAll(() => {
    fs.mkdirSync(path.dirname(workspace.sessionsFile), { recursive: true });
    fs.writeFileSync(workspace.sessionsFile, corrupt);
  });

  it.each([
    [['list', 'sessions']],
    [['run', 'shell', 'echo would-overwrite', '--no-background']],
    [['view', 'abc']],
  ])('is reported with exit 4 by `genie %s` and left byte-identical', async (args) => {
    const result = await workspace.genie(args);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('sessions.json');
    expect(fs.readFileSync(workspace.sessionsFile, 'utf8')).toBe(corrupt);
  });

  it('is one STORE_CORRUPT document with --json', async () => {
    const result = await workspace.genie(['list', 'sessions', '--json']);
    expect(result.code).toBe(4);
    expect(parseJsonDocument<ErrorDocument>(result).error.code).toBe('STORE_CORRUPT');
    expect(fs.readFileSync(workspace.sessionsFile, 'utf8')).toBe(corrupt);
  });

  it('is reported unhealthy by doctor (exit 4)', async () => {
    const result = await workspace.genie(['doctor', '--json']);
    expect(result.code).toBe(4);
    const report = parseJsonDocument<{ store: { healthy: boolean } }>(result);
    expect(report.store.healthy).toBe(false);
    expect(fs.readFileSync(workspace.sessionsFile, 'utf8')).toBe(corrupt);
  });
});

describe('a config error', () => {
  const workspace = new TestWorkspace();

  it('exits 4 and names the file and the key', async () => {
    fs.writeFileSync(path.join(workspace.dir, '.genie', 'config.yaml'), 'defaults:\n  backgrund: true\n');
    const result = await workspace.genie(['list', 'agents']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('config.yaml');
    expect(result.stderr).toContain('backgrund');
  });
});
