import fs from 'node:fs';
import { closeTestGenies, openTestGenie } from '../helpers/test-genie';
import { makeWorkspace, removeTempDirs } from '../helpers/temp-workspace';

afterAll(async () => {
  await closeTestGenies();
  removeTempDirs();
});

const AGENTS = {
  'agents/claude-agent.md': '---\ngenie:\n  executor: claude\n---\nYou remember things.\n',
  'agents/codex-agent.md': '**Last Updated:** today\n---\ngenie:\n  executor: codex\n---\nYou remember things.\n',
};

describe.each(['claude', 'codex'])('run -> resume -> view with %s', (executor) => {
  it('keeps one session id, every turn in the transcript, and the conversation', async () => {
    const genie = await openTestGenie(makeWorkspace(AGENTS));
    const first = await genie.run({ agent: `${executor}-agent`, prompt: 'remember blue-42', background: false });
    expect(first.status).toBe('completed');
    expect(first.executor).toBe(executor);
    expect(first.executorSessionId).not.toBeNull();
    expect(first.answer).toContain('blue-42');

    const second = await genie.resume({ session: first.name as string, prompt: 'what did I ask you to remember?', background: false });
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.status).toBe('completed');
    expect(second.turns).toBe(2);
    expect(second.answer).toBe('You asked me to remember blue-42.');

    const third = await genie.resume({ session: first.sessionId.slice(0, 8), prompt: 'what did I ask you to remember?' });
    const waited = await genie.wait({ session: third.sessionId });
    expect([waited.status, waited.error]).toEqual(['completed', null]);
    expect(waited.answer).toBe('You asked me to remember blue-42.');

    const view = await genie.view({ session: first.sessionId, full: true });
    expect(view.turns).toBe(3);
    expect(view.transcript?.map((turn) => turn.prompt)).toEqual([
      'remember blue-42',
      'what did I ask you to remember?',
      'what did I ask you to remember?',
    ]);
    expect(view.transcript?.map((turn) => turn.status)).toEqual(['completed', 'completed', 'completed']);
    expect(view.lastTurn?.turn).toBe(3);
    const sessions = await genie.listSessions();
    expect(sessions.map((session) => session.sessionId)).toEqual([first.sessionId]);
  });
});

describe.each(['claude', 'codex'])('agent settings with %s', (executor) => {
  it('delivers the agent instructions and the merged settings to the executor', async () => {
    const root = makeWorkspace({
      ...AGENTS,
      'config.yaml': `executors:\n  ${executor}:\n    model: from-config\nmodes:\n  careful:\n    model: from-mode\n`,
      'agents/moded.md': `---\ngenie:\n  executor: ${executor}\n  mode: careful\n---\nAlways be careful.\n`,
    });
    const genie = await openTestGenie(root);
    const view = await genie.run({ agent: 'moded', prompt: 'what are your instructions?', background: false });
    expect(view.status).toBe('completed');
    expect(view.answer).toContain('Always be careful.');
    const start = JSON.parse(fs.readFileSync(view.logFile as string, 'utf8').split('\n')[0] as string);
    expect(start.type).toBe('turn.start');
    expect(start.command).toEqual(expect.arrayContaining(['from-mode']));
    const overridden = await genie.run({ agent: 'moded', prompt: 'hello', model: 'from-caller', background: false });
    const overriddenStart = JSON.parse(fs.readFileSync(overridden.logFile as string, 'utf8').split('\n')[0] as string);
    expect(overriddenStart.command).toEqual(expect.arrayContaining(['from-caller']));
    expect(overriddenStart.command).not.toContain('from-mode');
  });
});

describe('a custom agent CLI from the config', () => {
  it('runs with runArgs, resumes with resumeArgs, and is recorded under its own id', async () => {
    const root = makeWorkspace({
      'config.yaml': [
        'executors:',
        '  echoer:',
        '    runArgs: [bash, -c, \'echo "first: $1"\', echoer, "{prompt}"]',
        '    resumeArgs: [bash, -c, \'echo "again: $1 in $2"\', echoer, "{prompt}", "{sessionId}"]',
      ].join('\n'),
      'agents/echo.md': '---\ngenie:\n  executor: echoer\n---\n',
    });
    const genie = await openTestGenie(root);
    const first = await genie.run({ agent: 'echo', prompt: 'hello there', background: false });
    expect(first.executor).toBe('echoer');
    expect(first.status).toBe('completed');
    expect(first.lastTurn?.events).toContainEqual(expect.objectContaining({ kind: 'output', text: 'first: hello there' }));
    const second = await genie.resume({ session: first.sessionId, prompt: 'more', background: false });
    expect(second.lastTurn?.events).toContainEqual(expect.objectContaining({ kind: 'output', text: `again: more in ${first.sessionId}` }));
  });
});

describe('resume', () => {
  it('refuses a session whose turn is still running', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const run = await genie.run({ agent: 'shell', prompt: 'sleep 30', background: true });
    // One check, the launcher's, made in the write that would claim the turn: it names the live runner.
    await expect(genie.resume({ session: run.sessionId, prompt: 'echo again' })).rejects.toMatchObject({
      code: 'SESSION_BUSY',
      message: expect.stringMatching(new RegExp(`^Session ${run.name} is still (starting|running)\\.$`)),
      details: expect.objectContaining({ runnerPid: expect.any(Number) }),
    });
    const stopped = await genie.stop({ session: run.sessionId });
    expect(stopped.status).toBe('stopped');
  });

  it("records each turn's background choice, so the session shows the latest", async () => {
    const root = makeWorkspace();
    const genie = await openTestGenie(root);
    const first = await genie.run({ agent: 'shell', prompt: 'echo first', background: false });
    expect(first.background).toBe(false);
    const stored = async () => (await genie.listSessions()).find((session) => session.sessionId === first.sessionId)?.background;

    const second = await genie.resume({ session: first.sessionId, prompt: 'echo second', background: true });
    expect(second.background).toBe(true);
    expect((await genie.wait({ session: first.sessionId })).background).toBe(true);
    expect(await stored()).toBe(true);

    const announced: boolean[] = [];
    const third = await genie.resume({
      session: first.sessionId,
      prompt: 'echo third',
      background: false,
      onStart: (session) => announced.push(session.background),
    });
    expect([announced, third.background, third.status]).toEqual([[false], false, 'completed']);
    expect(await stored()).toBe(false);
  });
});

