'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { codexPath } = require('..');
const { makeWorld, runSync, startUntil } = require('./run-double');

const EXEC = ['exec', '--json', '--skip-git-repo-check'];
const messages = (events) =>
  events.filter((e) => e.type === 'item.completed' && e.item.type === 'agent_message').map((e) => e.item.text);
const threadOf = (run) => run.events[0].thread_id;

let world;
beforeEach(() => {
  world = makeWorld('genie-codex-double-');
});
afterEach(() => world.cleanup());

describe('codex double: argv strictness', () => {
  it('prints its version', () => {
    expect(runSync(codexPath, ['--version'], world).stdout).toBe('codex-cli 0.171.0\n');
  });

  it('refuses to run outside a git repository unless told to', () => {
    const run = runSync(codexPath, ['exec', '--json', 'hi'], world);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--skip-git-repo-check was not specified');
    fs.mkdirSync(path.join(world.cwd, '.git'));
    expect(runSync(codexPath, ['exec', '--json', 'hi'], world).status).toBe(0);
  });

  it('rejects unknown options and bad values with clap usage errors (exit 2)', () => {
    const unknown = runSync(codexPath, [...EXEC, '--bogus', 'hi'], world);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("error: unexpected argument '--bogus' found");
    const sandbox = runSync(codexPath, [...EXEC, '-s', 'everything', 'hi'], world);
    expect(sandbox.status).toBe(2);
    expect(sandbox.stderr).toContain("invalid value 'everything'");
    expect(runSync(codexPath, [...EXEC, '-x', 'hi'], world).status).toBe(2);
  });

  it('takes a prompt starting with - or named resume literally only after --', () => {
    expect(runSync(codexPath, [...EXEC, '-be careful'], world).status).toBe(2);
    expect(messages(runSync(codexPath, [...EXEC, '--', '-be careful'], world).events)).toEqual(['Done: -be careful']);
    expect(runSync(codexPath, [...EXEC, 'resume'], world).status).toBe(1);
    expect(messages(runSync(codexPath, [...EXEC, '--', 'resume'], world).events)).toEqual(['Done: resume']);
  });

  it('writes human output to stderr only without --json', () => {
    const run = runSync(codexPath, ['exec', '--skip-git-repo-check', 'hi there'], world);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Done: hi there');
  });
});

describe('codex double: threads', () => {
  it('mints a thread, emits the event sequence and writes a rollout', () => {
    const run = runSync(codexPath, [...EXEC, '--', 'hi'], world);
    expect(run.status).toBe(0);
    expect(run.events.map((e) => e.type)).toEqual(['thread.started', 'turn.started', 'item.completed', 'item.completed', 'turn.completed']);
    expect(run.events.at(-1).usage).toEqual({ input_tokens: 1, cached_input_tokens: 0, cache_write_input_tokens: 0, output_tokens: 2, reasoning_output_tokens: 4 });
    const day = new Date();
    const dir = path.join(world.env.CODEX_HOME, 'sessions', String(day.getFullYear()), String(day.getMonth() + 1).padStart(2, '0'), String(day.getDate()).padStart(2, '0'));
    const [file] = fs.readdirSync(dir);
    expect(file).toMatch(new RegExp(`^rollout-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-${threadOf(run)}\\.jsonl$`));
    expect(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8').split('\n')[0])).toMatchObject({ type: 'session_meta', payload: { id: threadOf(run) } });
  });

  it('resumes a thread by id with context, flags before `resume` only', () => {
    const first = runSync(codexPath, [...EXEC, '-m', 'o3', '--', 'remember PINEAPPLE'], world);
    const thread = threadOf(first);
    const resumed = runSync(codexPath, [...EXEC, '-m', 'o3', 'resume', '--', thread, 'what did I ask you to remember?'], world);
    expect(resumed.status).toBe(0);
    expect(threadOf(resumed)).toBe(thread);
    expect(messages(resumed.events)).toEqual(['You asked me to remember PINEAPPLE.']);
    const misplaced = runSync(codexPath, [...EXEC, 'resume', '-m', 'o3', thread, 'hi'], world);
    expect(misplaced.status).toBe(2);
    expect(misplaced.stderr).toContain("unexpected argument '-m' found");
  });

  it('fails on an unknown thread id', () => {
    const run = runSync(codexPath, [...EXEC, 'resume', '0199a213-0000-7000-8000-000000000000', 'hi'], world);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Error: thread/resume: thread/resume failed: no rollout found for thread id 0199a213-0000-7000-8000-000000000000');
  });

  it('ends its stderr in backtrace frames after the error when RUST_BACKTRACE is set', () => {
    const run = runSync(codexPath, [...EXEC, 'resume', '0199a213-0000-7000-8000-000000000000', 'hi'], { ...world, env: { ...world.env, RUST_BACKTRACE: '1' } });
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Error: thread\/resume/);
    expect(lines.at(-1)).toMatch(/^\s+\d+: /);
  });

  it('reports the thread\'s running token total on every turn, not the turn\'s usage', () => {
    const first = runSync(codexPath, [...EXEC, '--', 'remember PINEAPPLE'], world);
    const resumed = runSync(codexPath, [...EXEC, 'resume', threadOf(first), 'what did I ask you to remember?'], world);
    const [one, two] = [first, resumed].map((run) => run.events.at(-1).usage);
    expect(two.input_tokens).toBeGreaterThan(one.input_tokens);
    expect(two.output_tokens).toBeGreaterThan(one.output_tokens);
    expect(two.reasoning_output_tokens).toBe(2 * one.reasoning_output_tokens);
  });

  it('warns about a model it has no metadata for with an error item', () => {
    const run = runSync(codexPath, [...EXEC, '-m', 'gpt-fake', '--', 'hi'], world);
    expect(run.status).toBe(0);
    expect(run.events[1]).toMatchObject({ type: 'item.completed', item: { type: 'error', message: expect.stringContaining('Model metadata for `gpt-fake` not found') } });
  });

  it('reads an open stdin even with a prompt argument, saying so, and appends what it read', () => {
    const run = runSync(codexPath, [...EXEC, '--', 'hi'], world, world.cwd, 'more context');
    expect(run.stderr).toContain('Reading additional input from stdin...');
    expect(messages(run.events)).toEqual(['Done: hi <stdin> more context </stdin>']);
  });

  it('knows the instructions preamble of the first prompt on later turns', () => {
    const first = runSync(codexPath, [...EXEC, '--', '<instructions>\nBe a pirate.\n</instructions>\n\nremember GOLD'], world);
    expect(messages(first.events)).toEqual(['OK, I will remember GOLD.']);
    const resumed = runSync(codexPath, [...EXEC, 'resume', threadOf(first), 'what are your instructions?'], world);
    expect(messages(resumed.events)).toEqual(['My instructions are: Be a pirate.']);
  });

  it('supports resume --last', () => {
    runSync(codexPath, [...EXEC, '--', 'remember ONE'], world);
    const run = runSync(codexPath, [...EXEC, 'resume', '--last', 'what did I ask you to remember?'], world);
    expect(messages(run.events)).toEqual(['You asked me to remember ONE.']);
  });
});

describe('codex double: directives', () => {
  it('[fail] emits error and turn.failed and exits 1', () => {
    const run = runSync(codexPath, [...EXEC, '--', 'x [fail]'], world);
    expect(run.status).toBe(1);
    expect(run.events.slice(-2).map((e) => e.type)).toEqual(['error', 'turn.failed']);
  });

  it('[tool:...] emits a command_execution item, started then completed', () => {
    const run = runSync(codexPath, [...EXEC, '--', 'x [tool:ls]'], world);
    const items = run.events.filter((e) => e.item && e.item.type === 'command_execution');
    expect(items.map((e) => [e.type, e.item.status, e.item.exit_code])).toEqual([
      ['item.started', 'in_progress', null],
      ['item.completed', 'completed', 0],
    ]);
  });

  it('[crash] dies by SIGKILL after the thread started', async () => {
    const run = startUntil(codexPath, [...EXEC, '--', 'x [crash]'], world, () => false);
    run.seen.catch(() => {});
    await expect(run.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('[hang] completes the turn and never exits', async () => {
    const run = startUntil(codexPath, [...EXEC, '--', 'x [hang]'], world, (e) => e.type === 'turn.completed');
    await run.seen;
    run.child.kill('SIGTERM');
    await expect(run.exited).resolves.toEqual({ code: null, signal: 'SIGTERM' });
  });
});
