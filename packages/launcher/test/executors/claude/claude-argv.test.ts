import { claudeExecutor } from '../../../src/executors/claude/claude-executor';
import type { TurnRequest } from '../../../src/executors/executor';

const sessionId = '5b0f4a53-3c1e-4c9b-9d59-6f3e2a1b0c9d';

function request(overrides: Partial<TurnRequest> = {}): TurnRequest {
  return { sessionId, resume: false, prompt: 'say hello', cwd: '/tmp', settings: {}, ...overrides };
}

describe('claude argv', () => {
  it('starts a new conversation under our session id in stream-json print mode', () => {
    const { command, args } = claudeExecutor.buildCommand(request());
    expect(command).toBe('claude');
    expect(args).toEqual(['-p', '--verbose', '--output-format', 'stream-json', '--session-id', sessionId, '--', 'say hello']);
  });

  it('resumes the id claude reported, never --continue', () => {
    const { args } = claudeExecutor.buildCommand(
      request({ resume: true, executorSessionId: 'a1b2c3d4-0000-4000-8000-000000000001', prompt: 'go on please' }),
    );
    expect(args).toEqual([
      '-p', '--verbose', '--output-format', 'stream-json',
      '--resume', 'a1b2c3d4-0000-4000-8000-000000000001',
      '--', 'go on please',
    ]);
    expect(args).not.toContain('--continue');
    expect(args).not.toContain('--session-id');
  });

  it('starts a new conversation without --session-id when our id is not a UUID (migrated sessions)', () => {
    for (const id of ['abc-123', 'legacy-qa-201e4499967c']) {
      const { args } = claudeExecutor.buildCommand(request({ sessionId: id }));
      expect(args).toEqual(['-p', '--verbose', '--output-format', 'stream-json', '--', 'say hello']);
      const resumed = claudeExecutor.buildCommand(request({ sessionId: id, resume: true, executorSessionId: null }));
      expect(resumed.args).not.toContain(id);
    }
  });

  it('passes what is left of the session budget as --max-budget-usd, before the prompt', () => {
    const { args } = claudeExecutor.buildCommand(request({ settings: { maxBudgetUsd: 1.25 } }));
    expect(args.slice(-4)).toEqual(['--max-budget-usd', '1.25', '--', 'say hello']);
    expect(claudeExecutor.buildCommand(request()).args).not.toContain('--max-budget-usd');
  });

  it('maps agent settings and instructions, extraArgs before the prompt', () => {
    const { command, args } = claudeExecutor.buildCommand(
      request({
        prompt: 'fix it now',
        instructions: 'You are careful.',
        settings: {
          binary: '/opt/claude',
          model: 'opus',
          permissionMode: 'acceptEdits',
          allowedTools: ['Read', 'Bash(git:*)'],
          disallowedTools: ['WebFetch'],
          extraArgs: ['--add-dir', '/data'],
        },
      }),
    );
    expect(command).toBe('/opt/claude');
    expect(args).toEqual([
      '-p', '--verbose', '--output-format', 'stream-json', '--session-id', sessionId,
      '--model', 'opus', '--permission-mode', 'acceptEdits',
      '--allowedTools', 'Read,Bash(git:*)', '--disallowedTools', 'WebFetch',
      '--append-system-prompt', 'You are careful.',
      '--add-dir', '/data',
      '--', 'fix it now',
    ]);
  });

  it('passes instructions again on a resume, because claude does not keep them', () => {
    const { args } = claudeExecutor.buildCommand(request({ resume: true, instructions: 'Be brief.', prompt: 'and then?' }));
    expect(args).toContain('--append-system-prompt');
    expect(args[args.indexOf('--append-system-prompt') + 1]).toBe('Be brief.');
  });

  it('keeps hostile prompts as one argv element after --', () => {
    const prompt = `-rf "quoted" 'single' $(rm -rf /) \`id\`\nsecond line`;
    const { args } = claudeExecutor.buildCommand(request({ prompt }));
    expect(args.slice(-2)).toEqual(['--', prompt]);
  });

  it('never lets a one-word prompt name a subcommand', () => {
    expect(claudeExecutor.buildCommand(request({ prompt: 'update' })).args.at(-1)).toBe('update\n');
    expect(claudeExecutor.buildCommand(request({ prompt: '--help' })).args.at(-1)).toBe('--help\n');
  });

  it('passes a prompt too large for one argv string on stdin, with no prompt argument', () => {
    const prompt = 'é'.repeat(100 * 1024);
    const { args, stdin } = claudeExecutor.buildCommand(request({ prompt }));
    expect(stdin).toBe(prompt);
    expect(args).toEqual(['-p', '--verbose', '--output-format', 'stream-json', '--session-id', sessionId]);
    expect(claudeExecutor.buildCommand(request()).stdin).toBeUndefined();
  });
});
