import fs from 'node:fs';
import path from 'node:path';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

const DAMAGE = '{"version":2,"sessions":{"truncated';

describe('a corrupt JSON store (storage.adapter: json) with a kept previous version', () => {
  const workspace = new TestWorkspace();
  let keptIds: string[];

  beforeAll(async () => {
    workspace.useJsonStore();
    await workspace.json(['run', 'shell', 'echo first', '--no-background', '--name', 'first']);
    await workspace.json(['run', 'shell', 'echo second', '--no-background', '--name', 'second']);
    // Each write keeps the store's previous version; that is what --repair goes back to.
    const backup = JSON.parse(fs.readFileSync(`${workspace.sessionsFile}.bak`, 'utf8')) as { sessions: Record<string, unknown> };
    keptIds = Object.keys(backup.sessions).sort();
    expect(keptIds.length).toBeGreaterThan(0);
    fs.writeFileSync(workspace.sessionsFile, DAMAGE);
  });

  it('makes `genie doctor` exit 4 and point to --repair, leaving the file as it is', async () => {
    const result = await workspace.genie(['doctor']);
    expect(result.code).toBe(4);
    expect(result.stdout).toContain('not valid JSON');
    expect(result.stdout).toContain('run `genie doctor --repair` to restore it');
    expect(fs.readFileSync(workspace.sessionsFile, 'utf8')).toBe(DAMAGE);
  });

  it('makes other commands exit 4 with the same advice', async () => {
    const result = await workspace.genie(['list', 'sessions']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('genie doctor --repair');
  });

  it('is restored by `genie doctor --repair`, which keeps the damaged bytes beside it', async () => {
    const result = await workspace.genie(['doctor', '--repair']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('restored from the previous version');
    expect(result.stdout).toContain(`${keptIds.length} session`);

    const stateDir = path.dirname(workspace.sessionsFile);
    const corrupt = fs.readdirSync(stateDir).filter((file) => file.startsWith('sessions.json.corrupt-'));
    expect(corrupt).toHaveLength(1);
    expect(fs.readFileSync(path.join(stateDir, corrupt[0] ?? ''), 'utf8')).toBe(DAMAGE);

    const listed = await workspace.genie(['list', 'sessions', '--json']);
    expect(listed.code).toBe(0);
    const { sessions } = JSON.parse(listed.stdout) as { sessions: SessionJson[] };
    expect(sessions.map((session) => session.sessionId).sort()).toEqual(keptIds);
    const doctor = await workspace.genie(['doctor']);
    expect(doctor.code).toBe(0);
  });
});

describe('a damaged session database', () => {
  const workspace = new TestWorkspace();
  let ids: string[];

  beforeAll(async () => {
    ids = [
      (await workspace.json<SessionJson>(['run', 'shell', 'echo first', '--no-background', '--name', 'first'])).sessionId,
      (await workspace.json<SessionJson>(['run', 'shell', 'echo second', '--no-background', '--name', 'second'])).sessionId,
    ];
    // Garbage over the header: SQLite no longer recognises the file as a database.
    const fd = fs.openSync(workspace.databaseFile, 'r+');
    fs.writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
    fs.closeSync(fd);
  });

  it('makes `genie doctor` exit 4 and offer --repair', async () => {
    const result = await workspace.json<{ store: Record<string, unknown> }>(['doctor']).catch(() => null);
    expect(result).toBeNull();
    const text = await workspace.genie(['doctor']);
    expect(text.code).toBe(4);
    expect(text.stdout).toContain('genie doctor --repair');
  });

  it('is rebuilt by `genie doctor --repair` from the event logs, every session back, the damaged file kept', async () => {
    const result = await workspace.genie(['doctor', '--repair']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('rebuilt from');
    const { sessions } = await workspace.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(sessions.map((session) => session.sessionId).sort()).toEqual([...ids].sort());
    expect(new Set(sessions.map((session) => session.lastPrompt))).toEqual(new Set(['echo first', 'echo second']));
    expect(new Set(sessions.map((session) => session.status))).toEqual(new Set(['completed']));
    const kept = fs.readdirSync(path.dirname(workspace.databaseFile)).filter((file) => file.startsWith('genie.db.corrupt-'));
    expect(kept.length).toBeGreaterThan(0);
    // The log keeps every turn, so the transcript is whole again.
    const viewed = await workspace.json<SessionJson>(['view', ids[0] as string, '--full']);
    expect(viewed.transcript?.[0]?.prompt).toBe('echo first');
    // Each turn.start names the agent and the directory, so the record is whole again.
    expect(viewed).toMatchObject({ agent: 'shell', executor: 'command', cannotResume: null });
  });
});

/** Garbage over a database's header: SQLite no longer recognises the file. */
function damage(file: string): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
  fs.closeSync(fd);
}

describe('a session rebuilt by `genie doctor --repair`', () => {
  it('continues its real conversation: the agent, the agent CLI and its conversation id come back from the log', async () => {
    const workspace = new TestWorkspace();
    workspace.writeAgent('keeper', 'claude');
    const first = await workspace.json(['run', 'keeper', 'remember the blue door', '--no-background', '--name', 'door']);
    expect(first.executorSessionId).toEqual(expect.any(String));
    damage(workspace.databaseFile);
    expect((await workspace.genie(['doctor', '--repair'])).code).toBe(0);

    const rebuilt = await workspace.json(['view', first.sessionId]);
    expect(rebuilt).toMatchObject({ name: 'door', agent: 'keeper', executor: 'claude', executorSessionId: first.executorSessionId, cannotResume: null });
    const second = await workspace.json(['resume', first.sessionId, 'what did I ask you to remember?', '--no-background']);
    expect(second).toMatchObject({ sessionId: first.sessionId, status: 'completed', turns: 2, answer: 'You asked me to remember the blue door.' });
  });

  it('from a log that does not name its agent says so in view, and a resume is refused, changing nothing', async () => {
    const workspace = new TestWorkspace();
    const first = await workspace.json(['run', 'shell', 'echo old', '--no-background']);
    // A log as genie wrote it before turn.start named the agent, the directory and the session.
    const logFile = first.logFile as string;
    const old = fs
      .readFileSync(logFile, 'utf8')
      .split('\n')
      .map((line) => {
        if (!line.includes('"turn.start"')) return line;
        const { agent: _agent, cwd: _cwd, name: _name, ...rest } = JSON.parse(line) as Record<string, unknown>;
        return JSON.stringify(rest);
      })
      .join('\n');
    fs.writeFileSync(logFile, old);
    damage(workspace.databaseFile);
    expect((await workspace.genie(['doctor', '--repair'])).code).toBe(0);

    const viewed = await workspace.json(['view', first.sessionId]);
    expect(viewed.cannotResume).toMatch(/does not name its agent/);
    const text = await workspace.genie(['view', first.sessionId]);
    expect(text.stdout).toMatch(/resume\s+not possible: rebuilt by `genie doctor --repair`/);

    const refused = await workspace.genie(['resume', first.sessionId, 'echo again', '--no-background']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cannot be resumed');
    expect(refused.stderr).toContain(`genie view ${first.sessionId} --full`);
    expect(refused.stdout).toBe('');
    const json = await workspace.genie(['resume', first.sessionId, 'echo again', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'SESSION_NOT_RESUMABLE' } });
    expect(fs.readFileSync(logFile, 'utf8')).toBe(old);
    expect(await workspace.json(['view', first.sessionId])).toMatchObject({ turns: 1, status: 'completed', lastPrompt: 'echo old' });
  });
});
