import { connect, textOf, type Connected } from '../helpers/connect';

describe('view', () => {
  let mcp: Connected;
  afterEach(async () => mcp.close());

  it('shows the summary by default and every turn with full: true', async () => {
    mcp = await connect();
    const first = await mcp.call('run', { agent: 'coder', prompt: 'remember ochre', background: false });
    const { sessionId } = first.structuredContent!;
    await mcp.call('resume', { sessionId, prompt: 'what did I ask you to remember?', background: false });

    const summary = await mcp.call('view', { sessionId });
    expect(summary.isError).toBeFalsy();
    expect(summary.structuredContent).toMatchObject({ sessionId, status: 'completed', turns: 2, answer: 'You asked me to remember ochre.' });
    expect(summary.structuredContent!.transcript).toBeUndefined();
    expect(summary.structuredContent!.lastTurn).toMatchObject({ turn: 2, prompt: 'what did I ask you to remember?' });
    expect(textOf(summary)).toContain('You asked me to remember ochre.');

    const full = await mcp.call('view', { sessionId, full: true });
    const turns = full.structuredContent!.transcript as Array<{ prompt: string; answer: string }>;
    expect(turns.map((turn) => [turn.prompt, turn.answer])).toEqual([
      ['remember ochre', 'OK, I will remember ochre.'],
      ['what did I ask you to remember?', 'You asked me to remember ochre.'],
    ]);
    expect(textOf(full)).toContain('OK, I will remember ochre.');
    expect(textOf(full)).toContain('You asked me to remember ochre.');
  });

  it('answers an unknown session with an error that suggests list_sessions', async () => {
    mcp = await connect();
    const result = await mcp.call('view', { sessionId: 'missing-one' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('SESSION_NOT_FOUND');
    expect(textOf(result)).toContain('list_sessions');
  });
});
