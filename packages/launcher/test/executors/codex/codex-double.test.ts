import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codexPath } from '@genie/test-doubles';
import { codexExecutor } from '../../../src/executors/codex/codex-executor';
import type { TurnRequest } from '../../../src/executors/executor';
import { messagesOf, runExecutor, sessionIdsOf } from '../run-executor';

let root: string;
let cwd: string;
let env: NodeJS.ProcessEnv;
let argvLog: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-codex-e2e-'));
  cwd = path.join(root, 'not a git repo');
  fs.mkdirSync(cwd);
  argvLog = path.join(root, 'argv.jsonl');
  env = { ...process.env, CODEX_HOME: path.join(root, 'codex-home'), GENIE_DOUBLE_ARGV_LOG: argvLog };
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function request(overrides: Partial<TurnRequest>): TurnRequest {
  return { sessionId: 'genie-session', resume: false, prompt: 'hello', cwd, settings: { binary: codexPath }, ...overrides };
}

function loggedArgv(): string[][] {
  return fs.readFileSync(argvLog, 'utf8').trim().split('\n').map((line) => JSON.parse(line).argv);
}

describe('codex adapter against the codex double', () => {
  it('records the thread id, resumes it with the same flags, and keeps context and instructions', async () => {
    const settings = { binary: codexPath, model: 'gpt-5-codex', sandbox: 'workspace-write', reasoningEffort: 'low' };
    const first = request({ prompt: 'remember the code word is PINEAPPLE', instructions: 'Answer like a pirate.', settings });
    const turn1 = await runExecutor(codexExecutor, first, env);
    expect(turn1.exitCode).toBe(0);
    const [threadId] = sessionIdsOf(turn1.events);
    expect(threadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(messagesOf(turn1.events)).toEqual(['OK, I will remember the code word is PINEAPPLE.']);
    expect(turn1.events.at(-1)).toMatchObject({ type: 'result', isError: false, usage: { outputTokens: expect.any(Number) } });

    const resume = { ...first, resume: true, executorSessionId: threadId, prompt: 'what did I ask you to remember?' };
    const turn2 = await runExecutor(codexExecutor, resume, env);
    expect(turn2.exitCode).toBe(0);
    expect(sessionIdsOf(turn2.events)).toEqual([threadId]);
    expect(messagesOf(turn2.events)).toEqual(['You asked me to remember the code word is PINEAPPLE.']);

    const turn3 = await runExecutor(codexExecutor, { ...resume, prompt: 'what are your instructions?' }, env);
    expect(messagesOf(turn3.events)).toEqual(['My instructions are: Answer like a pirate.']);

    const [, second, third] = loggedArgv();
    expect(second).toEqual(expect.arrayContaining(['-m', 'gpt-5-codex', '-s', 'workspace-write', 'resume']));
    expect(second?.join(' ')).not.toContain('<instructions>');
    expect(third?.slice(-3)).toEqual(['--', threadId, '-']);
  });

  it('an unknown thread id fails like the real CLI', async () => {
    const run = await runExecutor(codexExecutor, request({ resume: true, executorSessionId: '00000000-0000-4000-8000-000000000000' }), env);
    expect(run.exitCode).toBe(1);
    expect(run.stderr.join('\n')).toContain('Error: thread/resume: thread/resume failed: no rollout found for thread id 00000000-0000-4000-8000-000000000000');
  });

  it('delivers prompts that look like flags, subcommands or shell code verbatim, on stdin', async () => {
    const hostile = `--model evil "quoted" $(touch ${path.join(root, 'pwned')}) \`id\`\nsecond line`;
    for (const prompt of ['-V', 'resume', hostile]) {
      const run = await runExecutor(codexExecutor, request({ prompt }), env);
      expect(run.exitCode).toBe(0);
      expect(messagesOf(run.events)).toEqual([`Done: ${prompt.replace(/\s+/g, ' ').trim()}`]);
    }
    expect(loggedArgv().at(-1)?.slice(-2)).toEqual(['--', '-']);
    expect(fs.existsSync(path.join(root, 'pwned'))).toBe(false);
  });

  it('reports command executions as tool calls with results', async () => {
    const run = await runExecutor(codexExecutor, request({ prompt: 'check [tool:git status]' }), env);
    expect(run.events.map((event) => event.type)).toEqual(['session', 'reasoning', 'tool_call', 'tool_result', 'message', 'result']);
    expect(run.events[3]).toMatchObject({ output: 'ran: git status\n', isError: false });
  });

  it('a failed turn is an error, a failed result and a non-zero exit', async () => {
    const run = await runExecutor(codexExecutor, request({ prompt: 'break [fail]' }), env);
    expect(run.exitCode).toBe(1);
    const results = run.events.filter((event) => event.type === 'result');
    expect(results).toEqual([expect.objectContaining({ isError: true })]);
    expect(run.events.some((event) => event.type === 'error')).toBe(true);
  });

  it('detects the binary and its version', async () => {
    await expect(codexExecutor.detect({ binary: codexPath })).resolves.toEqual({
      installed: true, command: codexPath, path: codexPath, version: '0.171.0',
    });
    await expect(codexExecutor.detect({ binary: path.join(root, 'nothing-here') })).resolves.toMatchObject({ installed: false });
  });
});
