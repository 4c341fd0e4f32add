import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { claudePath } from '@genie/test-doubles';
import { claudeExecutor } from '../../../src/executors/claude/claude-executor';
import type { TurnRequest } from '../../../src/executors/executor';
import { messagesOf, runExecutor, sessionIdsOf } from '../run-executor';

let root: string;
let cwd: string;
let env: NodeJS.ProcessEnv;
let argvLog: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-claude-e2e-'));
  cwd = path.join(root, 'project dir');
  fs.mkdirSync(cwd);
  argvLog = path.join(root, 'argv.jsonl');
  env = { ...process.env, CLAUDE_CONFIG_DIR: path.join(root, 'claude-config'), GENIE_DOUBLE_ARGV_LOG: argvLog };
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function request(overrides: Partial<TurnRequest>): TurnRequest {
  return { sessionId: randomUUID(), resume: false, prompt: 'hello', cwd, settings: { binary: claudePath }, ...overrides };
}

function loggedArgv(): string[][] {
  return fs.readFileSync(argvLog, 'utf8').trim().split('\n').map((line) => JSON.parse(line).argv);
}

describe('claude adapter against the claude double', () => {
  it('keeps the conversation across a resume of the id claude reported', async () => {
    const settings = { binary: claudePath, allowedTools: ['Read', 'Bash'], model: 'sonnet' };
    const first = request({ prompt: 'remember the code word is PINEAPPLE', instructions: 'Answer like a pirate.', settings });
    const turn1 = await runExecutor(claudeExecutor, first, env);
    expect(turn1.exitCode).toBe(0);
    expect(sessionIdsOf(turn1.events)).toEqual([first.sessionId, first.sessionId]);
    expect(messagesOf(turn1.events)).toEqual(['OK, I will remember the code word is PINEAPPLE.']);
    const result = turn1.events.find((event) => event.type === 'result');
    expect(result).toMatchObject({ isError: false, text: 'OK, I will remember the code word is PINEAPPLE.' });
    expect(result?.type === 'result' && result.usage?.costUsd).toBeGreaterThan(0);

    const executorSessionId = sessionIdsOf(turn1.events).at(-1);
    const resume = { ...first, resume: true, executorSessionId, prompt: 'what did I ask you to remember?' };
    const turn2 = await runExecutor(claudeExecutor, resume, env);
    expect(turn2.exitCode).toBe(0);
    expect(messagesOf(turn2.events)).toEqual(['You asked me to remember the code word is PINEAPPLE.']);

    const turn3 = await runExecutor(claudeExecutor, { ...resume, prompt: 'what are your instructions?' }, env);
    expect(messagesOf(turn3.events)).toEqual(['My instructions are: Answer like a pirate.']);
  });

  it('follows a forked session id on the next resume', async () => {
    const first = request({ prompt: 'remember BLUE [fork]' });
    const turn1 = await runExecutor(claudeExecutor, first, env);
    const reported = sessionIdsOf(turn1.events);
    expect(reported[0]).not.toBe(first.sessionId);
    expect(new Set(reported).size).toBe(1);

    const stale = await runExecutor(claudeExecutor, { ...first, resume: true, executorSessionId: first.sessionId, prompt: 'what did I ask you to remember?' }, env);
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toEqual([`No conversation found with session ID: ${first.sessionId}`]);
    expect(stale.events).toEqual([
      { type: 'session', executorSessionId: first.sessionId },
      { type: 'result', isError: true, subtype: 'error_during_execution', text: `No conversation found with session ID: ${first.sessionId}`, usage: expect.any(Object) },
      { type: 'output', stream: 'stderr', text: `No conversation found with session ID: ${first.sessionId}` },
    ]);

    const followed = await runExecutor(claudeExecutor, { ...first, resume: true, executorSessionId: reported[0], prompt: 'what did I ask you to remember?' }, env);
    expect(followed.exitCode).toBe(0);
    expect(messagesOf(followed.events)).toEqual(['You asked me to remember BLUE.']);
  });

  it('delivers prompts that look like flags, subcommands or shell code verbatim', async () => {
    const hostile = `-v "quoted" 'single' $(touch ${path.join(root, 'pwned')}) \`id\`\nsecond line`;
    for (const prompt of ['--version please', '-p', 'update', hostile]) {
      const run = await runExecutor(claudeExecutor, request({ prompt, settings: { binary: claudePath, allowedTools: ['Read'] } }), env);
      expect(run.exitCode).toBe(0);
      expect(messagesOf(run.events)).toHaveLength(1);
      expect(messagesOf(run.events)[0]).toBe(`Done: ${prompt.replace(/\s+/g, ' ').trim()}`);
    }
    expect(loggedArgv().at(-1)?.at(-1)).toBe(hostile);
    expect(fs.existsSync(path.join(root, 'pwned'))).toBe(false);
  });

  it('reports tool calls and their results', async () => {
    const run = await runExecutor(claudeExecutor, request({ prompt: 'check [tool:git status]' }), env);
    const kinds = run.events.map((event) => event.type);
    expect(kinds).toEqual(['session', 'reasoning', 'tool_call', 'tool_result', 'message', 'session', 'result']);
    expect(run.events[2]).toMatchObject({ name: 'Bash', input: { command: 'git status' } });
    expect(run.events[3]).toMatchObject({ output: 'ran: git status', isError: false });
  });

  it('a failed turn is a failed result and a non-zero exit', async () => {
    const run = await runExecutor(claudeExecutor, request({ prompt: 'break [fail]' }), env);
    expect(run.exitCode).toBe(1);
    expect(run.events.find((event) => event.type === 'result')).toMatchObject({ isError: true, subtype: 'error_during_execution' });
  });

  it('detects the binary and its version, and a missing one', async () => {
    await expect(claudeExecutor.detect({ binary: claudePath })).resolves.toEqual({
      installed: true, command: claudePath, path: claudePath, version: '2.1.332',
    });
    const missing = await claudeExecutor.detect({ binary: 'genie-no-such-claude' });
    expect(missing).toMatchObject({ installed: false, command: 'genie-no-such-claude' });
    expect(missing.error).toContain('not found');
  });
});
