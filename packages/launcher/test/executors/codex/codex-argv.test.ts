import { isGenieError } from '@genie/errors';
import { codexExecutor } from '../../../src/executors/codex/codex-executor';
import type { TurnRequest } from '../../../src/executors/executor';

const THREAD = '0199a213-81c0-7800-8aa1-bbab2a035a53';

function request(overrides: Partial<TurnRequest> = {}): TurnRequest {
  return { sessionId: 's-1', resume: false, prompt: 'do the thing', cwd: '/tmp', settings: {}, ...overrides };
}

describe('codex argv', () => {
  it('runs exec --json reading the prompt from stdin (`-`), never an empty stdin', () => {
    const { command, args, stdin } = codexExecutor.buildCommand(request());
    expect(command).toBe('codex');
    expect(args).toEqual(['exec', '--json', '--skip-git-repo-check', '--', '-']);
    expect(stdin).toBe('do the thing');
  });

  it('passes a prompt over the 128 KiB argv string limit on stdin', () => {
    const prompt = 'x'.repeat(200 * 1024);
    const command = codexExecutor.buildCommand(request({ prompt }));
    expect(command.args.every((arg) => arg.length < 1024)).toBe(true);
    expect(command.stdin).toBe(prompt);
  });

  it('maps model, sandbox and reasoning effort; extraArgs before the prompt', () => {
    const { command, args } = codexExecutor.buildCommand(
      request({ settings: { binary: '/opt/codex', model: 'gpt-5-codex', sandbox: 'workspace-write', reasoningEffort: 'high', extraArgs: ['-c', 'foo=1'] } }),
    );
    expect(command).toBe('/opt/codex');
    expect(args).toEqual([
      'exec', '--json', '-m', 'gpt-5-codex', '-s', 'workspace-write', '-c', 'model_reasoning_effort="high"',
      '--skip-git-repo-check', '-c', 'foo=1', '--', '-',
    ]);
  });

  it('can leave the git repository check on', () => {
    expect(codexExecutor.buildCommand(request({ settings: { skipGitRepoCheck: false } })).args).not.toContain('--skip-git-repo-check');
  });

  it('resumes the recorded thread, repeating the flags before `resume`', () => {
    const { args, stdin } = codexExecutor.buildCommand(
      request({ resume: true, executorSessionId: THREAD, prompt: 'next step', instructions: 'Be terse.', settings: { model: 'o3', sandbox: 'read-only' } }),
    );
    expect(args).toEqual(['exec', '--json', '-m', 'o3', '-s', 'read-only', '--skip-git-repo-check', 'resume', '--', THREAD, '-']);
    expect(stdin).toBe('next step');
    expect(args).not.toContain('--last');
  });

  it('sends instructions as a delimited preamble of the first prompt only', () => {
    const first = codexExecutor.buildCommand(request({ instructions: 'You review code.\nBe terse.' })).stdin;
    expect(first).toBe('<instructions>\nYou review code.\nBe terse.\n</instructions>\n\ndo the thing');
  });

  it('refuses to resume without a thread id', () => {
    let caught: unknown;
    try {
      codexExecutor.buildCommand(request({ resume: true, executorSessionId: null }));
    } catch (error) {
      caught = error;
    }
    expect(isGenieError(caught) && caught.code).toBe('LAUNCH_FAILED');
  });

  it('keeps hostile prompts out of argv', () => {
    const prompt = `--model evil "q" $(touch /tmp/pwned) \`id\`\nline 2`;
    expect(codexExecutor.buildCommand(request({ prompt }))).toMatchObject({ args: expect.not.arrayContaining([prompt]), stdin: prompt });
    expect(codexExecutor.buildCommand(request({ prompt: 'resume' })).args.slice(-2)).toEqual(['--', '-']);
  });
});
