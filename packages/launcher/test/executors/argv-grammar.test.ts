import fc from 'fast-check';
import { claudeExecutor } from '../../src/executors/claude/claude-executor';
import { codexExecutor } from '../../src/executors/codex/codex-executor';
import type { ExecutorSettings, TurnRequest } from '../../src/executors/executor';

// The doubles' parsers re-implement the real CLIs' argv rules (commander for claude, clap
// for codex); checking the adapters' argv against them covers prompts no example names.
const { parseCommander } = require('@genie/test-doubles/lib/commander-argv');
const { OPTIONS: CLAUDE_OPTIONS, SUBCOMMANDS } = require('@genie/test-doubles/lib/claude-cli');
const { parseClap } = require('@genie/test-doubles/lib/clap-argv');
const { EXEC_SPEC, RESUME_SPEC } = require('@genie/test-doubles/lib/codex-cli');

const prompt = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.constantFrom('-', '--', '-p', '--help', '--version', 'resume', 'update', 'mcp', '-- x', '$(id)', 'a\nb'),
  fc.string({ minLength: 1 }).map((text) => `-${text}`),
);
const settings: fc.Arbitrary<ExecutorSettings> = fc.record(
  {
    model: fc.constantFrom('sonnet', 'gpt-5-codex'),
    permissionMode: fc.constantFrom('default', 'plan', 'acceptEdits'),
    sandbox: fc.constantFrom('read-only', 'workspace-write'),
    reasoningEffort: fc.constantFrom('low', 'high'),
    allowedTools: fc.array(fc.constantFrom('Read', 'Bash(git:*)', 'Edit'), { minLength: 1 }),
    disallowedTools: fc.array(fc.constantFrom('WebFetch', 'Write'), { minLength: 1 }),
  },
  { requiredKeys: [] },
);
const THREAD = '0199a213-81c0-7800-8aa1-bbab2a035a53';

function request(text: string, extra: ExecutorSettings, resume: boolean, instructions?: string): TurnRequest {
  return {
    sessionId: '5b0f4a53-3c1e-4c9b-9d59-6f3e2a1b0c9d',
    executorSessionId: resume ? THREAD : null,
    resume,
    prompt: text,
    instructions,
    cwd: '/tmp',
    settings: extra,
  };
}

describe('adapter argv under the real CLIs\' parsing rules', () => {
  it('claude receives exactly one operand, the prompt, and never a subcommand', () => {
    fc.assert(
      fc.property(prompt, settings, fc.boolean(), fc.option(fc.string()), (text, extra, resume, instructions) => {
        const { args } = claudeExecutor.buildCommand(request(text, extra, resume, instructions ?? undefined));
        const { values, operands } = parseCommander(args, CLAUDE_OPTIONS);
        expect(operands).toHaveLength(1);
        expect(SUBCOMMANDS).not.toContain(operands[0]);
        expect(operands[0].trimEnd()).toBe(text.trimEnd());
        expect(values['--print']).toBe(true);
        expect(values[resume ? '--resume' : '--session-id']).toBeDefined();
        if (instructions) expect(values['--append-system-prompt']).toBe(instructions);
      }),
      { numRuns: 300 },
    );
  });

  it('codex reads the prompt from stdin (`-`), the thread a positional of exec resume', () => {
    fc.assert(
      fc.property(prompt, settings, fc.boolean(), (text, extra, resume) => {
        const { args, stdin } = codexExecutor.buildCommand(request(text, extra, resume));
        expect(stdin).toBe(text);
        const [exec, ...rest] = args;
        expect(exec).toBe('exec');
        const parsed = parseClap(rest, EXEC_SPEC);
        expect(parsed.values['--json']).toBe(true);
        const positionals = resume ? parseClap(parsed.rest, RESUME_SPEC).positionals : parsed.positionals;
        expect(parsed.subcommand).toBe(resume ? 'resume' : null);
        expect(positionals).toEqual(resume ? [THREAD, '-'] : ['-']);
      }),
      { numRuns: 300 },
    );
  });
});
