import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

// The predecessor's bug #66 checklist: a session survives resumes with its id unchanged,
// the agent's own conversation is really continued, and no turn is lost from the transcript.
describe.each(['claude', 'codex'])('a %s session', (executor) => {
  const workspace = new TestWorkspace();
  workspace.writeAgent(`${executor}-agent`, executor);
  let first: SessionJson;

  beforeAll(async () => {
    first = await workspace.json(['run', `${executor}-agent`, 'remember', 'the blue door', '--no-background']);
  });

  it('completes its first turn and records the agent CLI conversation id', () => {
    expect(first.status).toBe('completed');
    expect(first.agent).toBe(`${executor}-agent`);
    expect(first.executor).toBe(executor);
    expect(first.executorSessionId).toEqual(expect.any(String));
    expect(first.answer).toContain('the blue door');
  });

  it('recalls in turn 2 what it was told in turn 1, under the same session id', async () => {
    const second = await workspace.json(['resume', first.sessionId, 'what did I ask you to remember?', '--no-background']);
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.status).toBe('completed');
    expect(second.answer).toBe('You asked me to remember the blue door.');
    expect(second.turns).toBe(2);
  });

  it('survives a second resume by name and shows every turn in order in view --full', async () => {
    const byName = first.name as string;
    const third = await workspace.json(['resume', byName, 'remember the red key', '--no-background']);
    expect(third.sessionId).toBe(first.sessionId);
    expect(third.turns).toBe(3);

    const full = await workspace.json(['view', first.sessionId, '--full']);
    expect(full.transcript?.map((turn) => turn.prompt)).toEqual([
      'remember the blue door',
      'what did I ask you to remember?',
      'remember the red key',
    ]);
    expect(full.transcript?.map((turn) => turn.status)).toEqual(['completed', 'completed', 'completed']);

    const human = await workspace.genie(['view', byName, '--full']);
    expect(human.code).toBe(0);
    const order = ['remember the blue door', 'You asked me to remember the blue door.', 'remember the red key'].map((text) =>
      human.stdout.indexOf(text),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('keeps exactly one store entry for the session, keyed by its id', () => {
    const store = workspace.readStore();
    expect(Object.keys(store.sessions)).toEqual([first.sessionId]);
    expect(store.sessions[first.sessionId]?.sessionId).toBe(first.sessionId);
  });
});
