import fs from 'node:fs';
import path from 'node:path';
import type { TranscriptEvent } from '../../src/index';
import { closeTestGenies, openTestGenie } from '../helpers/test-genie';
import { makeTempDir, makeWorkspace, removeTempDirs } from '../helpers/temp-workspace';
import { errorOf } from '../helpers/error-of';

afterAll(async () => {
  await closeTestGenies();
  removeTempDirs();
});

describe('run', () => {
  it('runs the built-in shell agent in the foreground in a directory without .genie/, creating the store there', async () => {
    const dir = makeTempDir();
    const genie = await openTestGenie(dir);
    expect(genie.workspace).toBe(dir);
    const events: TranscriptEvent[] = [];
    const started: string[] = [];
    const view = await genie.run({
      agent: 'shell',
      prompt: 'echo hello from $PWD',
      background: false,
      onStart: (session) => started.push(`${session.sessionId}:${session.status}`),
      onEvent: (event) => events.push(event),
    });
    expect(started).toEqual([`${view.sessionId}:starting`]);
    expect(view.status).toBe('completed');
    expect(view.exitCode).toBe(0);
    expect(view.agent).toBe('shell');
    expect(view.executor).toBe('command');
    expect(view.turns).toBe(1);
    expect(view.lastPrompt).toBe('echo hello from $PWD');
    expect(view.name).toMatch(/^shell-\d{10}$/);
    expect(events.some((event) => event.kind === 'output' && event.text === `hello from ${dir}`)).toBe(true);
    expect(view.lastTurn?.status).toBe('completed');
    const store = JSON.parse(fs.readFileSync(path.join(dir, '.genie', 'state', 'agents', 'sessions.json'), 'utf8'));
    expect(Object.keys(store.sessions)).toEqual([view.sessionId]);
  });

  it('records a failing shell command as failed with its exit code', async () => {
    const genie = await openTestGenie(makeTempDir());
    const view = await genie.run({ agent: 'shell', prompt: 'echo oops >&2; exit 3', background: false });
    expect(view.status).toBe('failed');
    expect(view.exitCode).toBe(3);
  });

  it('returns at once in the background with the record starting, then the turn completes', async () => {
    const genie = await openTestGenie(makeTempDir());
    const go = path.join(genie.workspace, 'go');
    const view = await genie.run({ agent: 'shell', prompt: `while [ ! -f ${go} ]; do sleep 0.05; done; echo done`, background: true });
    expect(['starting', 'running']).toContain(view.status);
    expect(view.background).toBe(true);
    fs.writeFileSync(go, '');
    const waited = await genie.wait({ session: view.sessionId });
    expect(waited.finished).toBe(true);
    expect(waited.status).toBe('completed');
    expect(waited.lastTurn?.events.some((event) => event.kind === 'output' && event.text === 'done')).toBe(true);
  });

  it('gives default names with -2, -3 suffixes and refuses a taken --name', async () => {
    const genie = await openTestGenie(makeTempDir());
    const first = await genie.run({ agent: 'shell', prompt: 'true', background: false });
    const second = await genie.run({ agent: 'shell', prompt: 'true', background: false });
    const base = first.name as string;
    // Both runs may straddle a minute boundary; within one minute the second is suffixed.
    if (second.name?.startsWith(base)) expect(second.name).toBe(`${base}-2`);
    await genie.run({ agent: 'shell', prompt: 'true', name: 'mine', background: false });
    const announced: string[] = [];
    for (const background of [false, true]) {
      const error = await errorOf(
        genie.run({ agent: 'shell', prompt: 'true', name: 'mine', background, onStart: (view) => announced.push(view.sessionId) }),
      );
      expect(error.code).toBe('NAME_TAKEN');
      expect(error.hint).toContain('--name');
    }
    // A refused name announces no session and leaves no record behind.
    expect(announced).toEqual([]);
    expect((await genie.listSessions()).filter((session) => session.name === 'mine')).toHaveLength(1);
    expect(await genie.listSessions()).toHaveLength(3);
  });

  it('refuses unknown agents and empty prompts before creating anything', async () => {
    const dir = makeWorkspace({ 'agents/implementor.md': 'x' });
    const genie = await openTestGenie(dir);
    const unknown = await errorOf(genie.run({ agent: 'implementer', prompt: 'go' }));
    expect(unknown.code).toBe('AGENT_NOT_FOUND');
    expect(unknown.message).toContain('implementor');
    expect((await errorOf(genie.run({ agent: 'shell', prompt: '  ' }))).code).toBe('INVALID_INPUT');
    expect(await genie.listSessions()).toEqual([]);
  });

  it('refuses a prompt holding a NUL up front, in the background and the foreground, for runs and resumes, recording nothing', async () => {
    const genie = await openTestGenie(makeTempDir());
    for (const background of [true, false]) {
      const refused = await errorOf(genie.run({ agent: 'shell', prompt: 'echo a\u0000b', background }));
      expect([refused.code, refused.message]).toEqual(['INVALID_INPUT', expect.stringContaining('NUL character (at character 7)')]);
    }
    expect(await genie.listSessions()).toEqual([]);
    const session = await genie.run({ agent: 'shell', prompt: 'echo first', background: false });
    const resumed = await errorOf(genie.resume({ session: session.sessionId, prompt: '\u0000' }));
    expect(resumed.code).toBe('INVALID_INPUT');
    expect(await genie.view({ session: session.sessionId })).toMatchObject({ status: 'completed', turns: 1, lastPrompt: 'echo first' });
  });

  it('refuses a --name shaped like an id, which would hide the session whose id starts with it', async () => {
    const genie = await openTestGenie(makeTempDir());
    const first = await genie.run({ agent: 'shell', prompt: 'true', background: false });
    const prefix = first.sessionId.slice(0, 8);
    const refused = await errorOf(genie.run({ agent: 'shell', prompt: 'true', name: prefix, background: false }));
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.message).toContain('looks like a session id');
    expect((await genie.view({ session: prefix })).sessionId).toBe(first.sessionId);
    expect(await genie.listSessions()).toHaveLength(1);
  });

  it('checks --name before reading any agent file', async () => {
    const warnings: string[] = [];
    const genie = await openTestGenie(makeWorkspace({ 'agents/broken.md': '---\nname: [x\n---\n' }), warnings);
    const refused = await errorOf(genie.run({ agent: 'missing-agent', prompt: 'true', name: 'two words' }));
    expect([refused.code, warnings]).toEqual(['INVALID_INPUT', []]);
  });
});
