import { createColors } from '../../src/output/colors';
import { describeToolInput, renderEvent } from '../../src/output/render-event';

const plain = createColors(false);
const time = '2026-01-01T00:00:00.000Z';

describe('renderEvent', () => {
  it('shows a tool call by what it does', () => {
    expect(renderEvent({ kind: 'tool_call', turn: 1, name: 'Bash', input: { command: 'ls -la', description: 'List' }, time }, plain, { showPrompt: false })).toBe(
      '→ Bash: ls -la',
    );
    expect(describeToolInput({ file_path: '/repo/src/index.ts' })).toBe('/repo/src/index.ts');
    expect(describeToolInput({ command: ['bash', '-lc', 'npm test'] })).toBe('bash -lc npm test');
  });

  it('trims long tool results to a few lines', () => {
    const output = Array.from({ length: 20 }, (_, index) => `line ${index}`).join('\n');
    const text = renderEvent({ kind: 'tool_result', turn: 1, output, isError: false, time }, plain, { showPrompt: false }) ?? '';
    expect(text.split('\n')).toHaveLength(5);
    expect(text).toContain('16 more lines');
  });

  it('leaves the prompt out of a live run but shows it in a transcript', () => {
    const event = { kind: 'prompt' as const, turn: 1, text: 'fix it', time };
    expect(renderEvent(event, plain, { showPrompt: false })).toBeNull();
    expect(renderEvent(event, plain, { showPrompt: true })).toBe('› fix it');
  });

  it('summarises the outcome with usage and cost', () => {
    const text = renderEvent(
      {
        kind: 'outcome',
        turn: 1,
        status: 'completed',
        exitCode: 0,
        signal: null,
        error: null,
        answer: 'done',
        usage: { inputTokens: 1234, outputTokens: 56, costUsd: 0.0123, durationMs: 1200 },
        time,
      },
      plain,
      { showPrompt: false },
    );
    expect(text).toBe('✔ completed · 1,234 in · 56 out · $0.0123 · 1.2s');
  });

  it('says why a turn failed right after the status, then its usage', () => {
    const text = renderEvent(
      {
        kind: 'outcome',
        turn: 1,
        status: 'failed',
        exitCode: 1,
        signal: null,
        error: 'claude exited with code 1: error_during_execution',
        answer: null,
        usage: { inputTokens: 1, outputTokens: 3, durationMs: 4 },
        time,
      },
      plain,
      { showPrompt: false },
    );
    expect(text).toBe('✘ failed: claude exited with code 1: error_during_execution · 1 in · 3 out · 4ms');
  });

  it('uses colour only when enabled', () => {
    const event = { kind: 'error' as const, turn: 1, message: 'boom', time };
    expect(renderEvent(event, plain, { showPrompt: false })).toBe('error: boom');
    expect(renderEvent(event, createColors(true), { showPrompt: false })).toContain('\u001b[31m');
  });
});
