import fs from 'node:fs';
import path from 'node:path';
import { tokensOf } from './fake-models/brain';
import { RealCliWorkspace, type Cli, type SessionJson } from './support/real-cli-workspace';

/**
 * genie driving the real claude and codex CLIs, each against a fake model on loopback that
 * answers from the conversation it is sent.
 */
describe.each<Cli>(['claude', 'codex'])('genie with the real %s', (cli) => {
  let workspace: RealCliWorkspace;
  const agent = `${cli}-helper`;
  beforeAll(async () => {
    workspace = await RealCliWorkspace.create();
  });
  afterAll(() => workspace.dispose());

  const modelCalls = (): number => (cli === 'claude' ? workspace.anthropic.modelCalls.length : workspace.openai.modelCalls.length);
  const fake = () => (cli === 'claude' ? workspace.anthropic : workspace.openai);

  it('runs, then resumes twice recalling the first turn, with usage per turn adding up to the total', async () => {
    const first = await workspace.turn(['run', agent, 'remember the word PERIWINKLE']);
    expect(first).toMatchObject({ status: 'completed', turns: 1, answer: 'OK, I will remember the word PERIWINKLE.', error: null });
    expect(first.executorSessionId).toMatch(/^[0-9a-f-]{36}$/);

    const second = await workspace.turn(['resume', first.sessionId, 'what did I ask you to remember?']);
    expect(second).toMatchObject({ status: 'completed', turns: 2, answer: 'You asked me to remember the word PERIWINKLE.' });
    const third = await workspace.turn(['resume', first.sessionId, 'what did I ask you to remember?']);
    expect(third).toMatchObject({ status: 'completed', turns: 3, answer: 'You asked me to remember the word PERIWINKLE.' });
    expect(third.executorSessionId).toBe(first.executorSessionId);

    const full = await workspace.json(['view', first.sessionId, '--full']);
    const turns = full.transcript ?? [];
    expect(turns.map((turn) => turn.status)).toEqual(['completed', 'completed', 'completed']);
    for (const turn of turns) {
      expect(turn.usage?.inputTokens).toBeGreaterThan(0);
      expect(turn.usage?.outputTokens).toBeGreaterThan(0);
    }
    // Later turns send the longer conversation: a turn's own input grows, it is never a running total.
    const inputs = turns.map((turn) => turn.usage?.inputTokens ?? 0);
    expect(full.usage?.inputTokens).toBe(inputs.reduce((sum, value) => sum + value, 0));
    expect(full.usage?.outputTokens).toBe(turns.reduce((sum, turn) => sum + (turn.usage?.outputTokens ?? 0), 0));
    if (cli === 'claude') {
      for (const turn of turns) expect(turn.usage?.costUsd).toBeGreaterThan(0);
      expect(full.costUsd).toBeCloseTo(turns.reduce((sum, turn) => sum + (turn.usage?.costUsd ?? 0), 0), 10);
    } else {
      // codex reports tokens, not money.
      expect(full.costUsd).toBeNull();
    }
    // Each turn's input is what the model was sent in that turn, never a running total.
    expect(inputs[2]).toBeLessThan((inputs[0] ?? 0) + (inputs[1] ?? 0));
    if (cli === 'codex') expect(inputs).toEqual(workspace.openai.modelCalls.slice(-3).map((call) => tokensOf(JSON.stringify(call.input))));
  });

  it('takes a prompt over the 128 KiB argv string limit', async () => {
    const words = `${'lorem ipsum '.repeat(20_000)}ZEBRA`;
    const result = await workspace.genie(['run', agent, '-', '--no-background', '--json'], {}, `remember ${words}`);
    expect(result.code).toBe(0);
    const session = JSON.parse(result.stdout) as SessionJson;
    expect(session).toMatchObject({ status: 'completed', answer: `OK, I will remember ${words}.`, error: null });
  });

  it('keeps parallel sessions apart', async () => {
    const words = ['AMBER', 'COBALT', 'SAFFRON'];
    const started = await Promise.all(words.map((word) => workspace.json(['run', agent, `remember ${word}`])));
    expect(new Set(started.map((session) => session.sessionId)).size).toBe(3);
    const firsts = await Promise.all(started.map((session) => workspace.settled(session.sessionId)));
    expect(firsts.map((session) => session.status)).toEqual(['completed', 'completed', 'completed']);
    expect(new Set(firsts.map((session) => session.executorSessionId)).size).toBe(3);

    await Promise.all(started.map((session) => workspace.json(['resume', session.sessionId, 'what did I ask you to remember?'])));
    const seconds = await Promise.all(started.map((session) => workspace.settled(session.sessionId)));
    expect(seconds.map((session) => session.answer)).toEqual(words.map((word) => `You asked me to remember ${word}.`));
  });

  it('shows tool calls and reasoning in view --full, as text and JSON', async () => {
    const done = await workspace.turn(['run', agent, '[think] [tool:echo TOOL-OUTPUT-42] run the check']);
    expect(done).toMatchObject({ status: 'completed', answer: 'The tool said: TOOL-OUTPUT-42' });
    const full = await workspace.json(['view', done.sessionId, '--full']);
    const events = full.transcript?.[0]?.events ?? [];
    expect(events.find((event) => event.kind === 'reasoning')).toMatchObject({ text: 'Weighing how to answer: run the check' });
    expect(events.find((event) => event.kind === 'tool_call')).toMatchObject({ input: expect.anything() });
    expect(JSON.stringify(events.find((event) => event.kind === 'tool_call'))).toContain('echo TOOL-OUTPUT-42');
    expect(events.find((event) => event.kind === 'tool_result')).toMatchObject({ output: expect.stringContaining('TOOL-OUTPUT-42'), isError: false });

    const text = await workspace.genie(['view', done.sessionId, '--full']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('thinking: Weighing how to answer: run the check');
    expect(text.stdout).toMatch(/→ (Bash|command): .*echo TOOL-OUTPUT-42/);
    expect(text.stdout).toContain('The tool said: TOOL-OUTPUT-42');
  });

  it('stops a running turn', async () => {
    const before = modelCalls();
    const started = await workspace.json(['run', agent, '[slow:120000] take your time']);
    // The CLI has asked the model: the turn is really under way.
    for (let waited = 0; modelCalls() === before; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = await workspace.json(['stop', started.sessionId]);
    expect(stopped.status).toBe('stopped');
    const after = await workspace.settled(started.sessionId);
    expect(after).toMatchObject({ status: 'stopped', answer: null });
    const text = await workspace.genie(['view', started.sessionId]);
    expect(text.stdout).not.toContain('Reading additional input from stdin');
  });

  it('records the API error of a failing model, and the session resumes once the API is back', async () => {
    fake().failWith = 401;
    const failed = await workspace.turn(['run', agent, 'remember the word HALIBUT'], 1).finally(() => {
      fake().failWith = undefined;
    });
    expect(failed.status).toBe('failed');
    expect(failed.answer).toBeNull();
    expect(failed.error).toMatch(cli === 'claude' ? /^claude exited with code 1: .*(401|API key)/i : /^codex exited with code 1: .*(401|Unauthorized|API key)/i);
    if (cli === 'claude') {
      const full = await workspace.json(['view', failed.sessionId, '--full']);
      // The error text claude shows as a synthetic assistant message is the error, not a message.
      expect(full.transcript?.[0]?.events.some((event) => event.kind === 'message')).toBe(false);
      expect(full.transcript?.[0]?.events.filter((event) => event.kind === 'warning')).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/^API call failed \(401 [a-z_]+\); retry 1 of 1/) }),
      ]);
    }
    const resumed = await workspace.turn(['resume', failed.sessionId, 'what did I ask you to remember?']);
    expect(resumed).toMatchObject({ status: 'completed', turns: 2, answer: 'You asked me to remember the word HALIBUT.' });

    const server = await workspace.turn(['run', agent, 'compute [status:500]'], 1);
    expect(server.status).toBe('failed');
    // codex words a 500 as its own "high demand" message.
    expect(server.error).toMatch(cli === 'claude' ? /^claude exited with code 1: API Error: 500/ : /^codex exited with code 1: .*(500|high demand)/);
  });

  it('reports the real cause when the CLI no longer has the conversation', async () => {
    const first = await workspace.turn(['run', agent, 'remember the word GLACIER']);
    expect(first.status).toBe('completed');
    removeConversation(workspace, cli, first);
    const lost = await workspace.turn(['resume', first.sessionId, 'what did I ask you to remember?'], 1);
    expect(lost.status).toBe('failed');
    expect(lost.error).toBe(
      cli === 'claude'
        ? `claude exited with code 1: No conversation found with session ID: ${first.executorSessionId}`
        : `codex exited with code 1: thread/resume: thread/resume failed: no rollout found for thread id ${first.executorSessionId} (code -32600)`,
    );
  });
});

/** Deletes the CLI's own record of the conversation, as a cleanup or another machine would. */
function removeConversation(workspace: RealCliWorkspace, cli: Cli, session: SessionJson): void {
  const id = session.executorSessionId as string;
  const root = cli === 'claude' ? path.join(workspace.claudeConfigDir, 'projects') : path.join(workspace.codexHome, 'sessions');
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((file) => file.includes(id) && file.endsWith('.jsonl'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) fs.rmSync(path.join(root, file));
}
