import { sumUsage } from '../../src/supervisor/sum-usage';
import { turnOutcome, type TurnFacts } from '../../src/supervisor/turn-outcome';

const facts = (overrides: Partial<TurnFacts>): TurnFacts => ({
  executor: 'claude',
  exitCode: 0,
  signal: null,
  result: undefined,
  endedByHangGuard: false,
  lastErrorEvent: undefined,
  stderrTail: [],
  ...overrides,
});

describe('turnOutcome', () => {
  it('completes on a clean exit without an error result', () => {
    expect(turnOutcome(facts({ result: { type: 'result', isError: false, text: 'ok' } }))).toEqual({ status: 'completed', error: null });
  });

  it('fails on an error result even when the CLI exits 0', () => {
    const outcome = turnOutcome(facts({ result: { type: 'result', isError: true, subtype: 'error_max_turns' } }));
    expect(outcome).toEqual({ status: 'failed', error: 'claude reported an error: error_max_turns' });
  });

  it('explains a non-zero exit with the last stderr lines', () => {
    const outcome = turnOutcome(facts({ exitCode: 1, stderrTail: ['No conversation found with session ID: x'] }));
    expect(outcome).toEqual({ status: 'failed', error: 'claude exited with code 1: No conversation found with session ID: x' });
  });

  it('judges a hung executor ended by the guard by the result it had reported', () => {
    const result = { type: 'result', isError: false, text: 'done' } as const;
    expect(turnOutcome(facts({ exitCode: null, signal: 'SIGTERM', endedByHangGuard: true, result })).status).toBe('completed');
    expect(turnOutcome(facts({ exitCode: null, signal: 'SIGKILL' })).error).toBe('claude was killed by SIGKILL');
  });
});

describe('sumUsage', () => {
  it('adds the fields a turn reports and keeps absent ones absent', () => {
    expect(sumUsage({ inputTokens: 10, costUsd: 0.5 }, { inputTokens: 5, outputTokens: 2, costUsd: 0.25 })).toEqual({
      inputTokens: 15,
      outputTokens: 2,
      costUsd: 0.75,
    });
    expect(sumUsage(undefined, { inputTokens: 1 })).toEqual({ inputTokens: 1 });
    expect(sumUsage({ inputTokens: 1 }, undefined)).toEqual({ inputTokens: 1 });
  });
});
