'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { claudePath } = require('..');
const { makeWorld, runSync, startUntil, isAlive } = require('./run-double');

const PRINT = ['-p', '--verbose', '--output-format', 'stream-json'];
const ID = '3f2c9a10-5b7d-4e21-8a6f-0c1d2e3f4a5b';
const texts = (events) =>
  events.filter((e) => e.type === 'assistant').flatMap((e) => e.message.content.filter((c) => c.type === 'text').map((c) => c.text));

let world;
const spawned = [];
beforeEach(() => {
  world = makeWorld('genie-claude-double-');
});
afterEach(() => {
  for (const pid of spawned.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
  world.cleanup();
});

describe('claude double: argv strictness', () => {
  it('prints its version', () => {
    expect(runSync(claudePath, ['--version'], world).stdout).toBe('2.1.332 (Claude Code)\n');
  });

  it('rejects unknown options like commander', () => {
    const run = runSync(claudePath, [...PRINT, '--bogus', 'hi'], world);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("error: unknown option '--bogus'\n");
  });

  it('takes a prompt starting with - as an option unless it follows --', () => {
    expect(runSync(claudePath, [...PRINT, '-x marks the spot'], world).stderr).toContain("unknown option '-x marks the spot'");
    expect(texts(runSync(claudePath, [...PRINT, '--', '-x marks the spot'], world).events)).toEqual(['Done: -x marks the spot']);
  });

  it('needs --print for a non-interactive run', () => {
    const run = runSync(claudePath, ['--verbose', '--output-format', 'stream-json', 'hi'], world);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
  });

  it('refuses stream-json without --verbose', () => {
    const run = runSync(claudePath, ['-p', '--output-format', 'stream-json', 'hi'], world);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('Error: When using --print, --output-format=stream-json requires --verbose\n');
  });

  it('lets a variadic option swallow a prompt that is not behind --', () => {
    const run = runSync(claudePath, [...PRINT, '--allowedTools', 'Read', 'say hi'], world);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Input must be provided');
  });

  it('dispatches a prompt equal to a subcommand name, even after --', () => {
    const run = runSync(claudePath, [...PRINT, '--', 'update'], world);
    expect(run.status).toBe(0);
    expect(run.events).toEqual([]);
  });

  it('rejects a bad permission mode', () => {
    const run = runSync(claudePath, [...PRINT, '--permission-mode', 'yolo', '--', 'hi'], world);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("argument 'yolo' is invalid");
  });
});

describe('claude double: sessions', () => {
  it('starts under --session-id, which must be a fresh UUID', () => {
    const run = runSync(claudePath, [...PRINT, '--session-id', ID, '--', 'hi there'], world);
    expect(run.status).toBe(0);
    expect(run.events.map((e) => e.type)).toEqual(['system', 'assistant', 'result']);
    expect(run.events.every((e) => e.session_id === ID)).toBe(true);
    expect(run.events[2]).toMatchObject({ subtype: 'success', is_error: false, result: 'Done: hi there', num_turns: 1 });
    expect(run.events[2].total_cost_usd).toBeGreaterThan(0);
    const stored = path.join(world.env.CLAUDE_CONFIG_DIR, 'projects', world.cwd.replace(/[^a-zA-Z0-9]/g, '-'), `${ID}.jsonl`);
    expect(fs.existsSync(stored)).toBe(true);

    const again = runSync(claudePath, [...PRINT, '--session-id', ID, '--', 'hi'], world);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already in use');
    const invalid = runSync(claudePath, [...PRINT, '--session-id', 'not-a-uuid', '--', 'hi'], world);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('Invalid session ID');
  });

  it('answers from the conversation it resumes', () => {
    runSync(claudePath, [...PRINT, '--session-id', ID, '--', 'remember PINEAPPLE'], world);
    const run = runSync(claudePath, [...PRINT, '--resume', ID, '--', 'what did I ask you to remember?'], world);
    expect(run.status).toBe(0);
    expect(texts(run.events)).toEqual(['You asked me to remember PINEAPPLE.']);
    const fresh = runSync(claudePath, [...PRINT, '--', 'what did I ask you to remember?'], world);
    expect(texts(fresh.events)).toEqual(["I don't know."]);
  });

  it('answers its instructions from --append-system-prompt of this invocation', () => {
    const run = runSync(claudePath, [...PRINT, '--append-system-prompt', 'Be a pirate.', '--', 'what are your instructions?'], world);
    expect(texts(run.events)).toEqual(['My instructions are: Be a pirate.']);
  });

  it('does not find a conversation from another directory or an unknown id', () => {
    runSync(claudePath, [...PRINT, '--session-id', ID, '--', 'hi'], world);
    const elsewhere = path.join(world.root, 'elsewhere');
    fs.mkdirSync(elsewhere);
    const run = runSync(claudePath, [...PRINT, '--resume', ID, '--', 'hi'], world, elsewhere);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`No conversation found with session ID: ${ID}\n`);
    expect(runSync(claudePath, [...PRINT, '--resume', 'nope', '--', 'hi'], world).stderr).toBe('No conversation found with session ID: nope\n');
  });

  it('--fork-session continues under a new id and leaves the original intact', () => {
    runSync(claudePath, [...PRINT, '--session-id', ID, '--', 'remember RED'], world);
    const fork = runSync(claudePath, [...PRINT, '--resume', ID, '--fork-session', '--', 'remember GREEN'], world);
    const forkId = fork.events[0].session_id;
    expect(forkId).not.toBe(ID);
    expect(fork.events.at(-1).session_id).toBe(forkId);
    expect(texts(runSync(claudePath, [...PRINT, '--resume', forkId, '--', 'what did I ask you to remember?'], world).events)).toEqual([
      'You asked me to remember GREEN.',
    ]);
    expect(texts(runSync(claudePath, [...PRINT, '--resume', ID, '--', 'what did I ask you to remember?'], world).events)).toEqual([
      'You asked me to remember RED.',
    ]);
  });

  it('[fork] reports and stores under a newly minted id', () => {
    const run = runSync(claudePath, [...PRINT, '--session-id', ID, '--', 'remember BLUE [fork]'], world);
    const reported = run.events[0].session_id;
    expect(reported).not.toBe(ID);
    expect(run.events.at(-1).session_id).toBe(reported);
    expect(runSync(claudePath, [...PRINT, '--resume', ID, '--', 'hi'], world).status).toBe(1);
    expect(runSync(claudePath, [...PRINT, '--resume', reported, '--', 'hi'], world).status).toBe(0);
  });

  it('logs every argv it receives', () => {
    runSync(claudePath, [...PRINT, '--', 'one'], world);
    runSync(claudePath, ['--version'], world);
    const logged = fs.readFileSync(world.env.GENIE_DOUBLE_ARGV_LOG, 'utf8').trim().split('\n').map((l) => JSON.parse(l).argv);
    expect(logged).toEqual([[...PRINT, '--', 'one'], ['--version']]);
  });
});

describe('claude double: directives', () => {
  it('[fail] ends with an error result and exit 1', () => {
    const run = runSync(claudePath, [...PRINT, '--', 'x [fail]'], world);
    expect(run.status).toBe(1);
    expect(run.events.at(-1)).toMatchObject({ type: 'result', is_error: true, subtype: 'error_during_execution' });
  });

  it('[tool:...] emits thinking and a Bash tool_use as separate assistant events, then its tool_result', () => {
    const run = runSync(claudePath, [...PRINT, '--', 'x [tool:ls -la]'], world);
    expect(run.events[1].message.content.map((c) => c.type)).toEqual(['thinking']);
    const [toolUse] = run.events[2].message.content;
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'Bash', input: { command: 'ls -la' } });
    expect(run.events[3].message.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: toolUse.id, content: 'ran: ls -la' });
  });

  it('[apierror] retries, then reports the error as a synthetic message and an is_error result of subtype success', () => {
    const run = runSync(claudePath, [...PRINT, '--', 'x [apierror]'], { ...world, env: { ...world.env, CLAUDE_CODE_MAX_RETRIES: '2' } });
    expect(run.status).toBe(1);
    expect(run.events.filter((e) => e.subtype === 'api_retry').map((e) => e.attempt)).toEqual([1, 2]);
    expect(run.events.at(-2).message).toMatchObject({ model: '<synthetic>' });
    expect(run.events.at(-1)).toMatchObject({ type: 'result', subtype: 'success', is_error: true, result: expect.stringContaining('API Error: 500') });
  });

  it('a resume of an unknown conversation is an error_during_execution result naming it in errors, and exit 1', () => {
    const id = '11111111-2222-4333-8444-555555555555';
    const run = runSync(claudePath, [...PRINT, '--resume', id, '--', 'hi'], world);
    expect(run.status).toBe(1);
    expect(run.events).toEqual([expect.objectContaining({ type: 'result', subtype: 'error_during_execution', is_error: true, session_id: id, errors: [`No conversation found with session ID: ${id}`] })]);
    expect(run.stderr).toBe(`No conversation found with session ID: ${id}\n`);
  });

  it('[stream:3] emits three progress messages before the answer', () => {
    const run = runSync(claudePath, [...PRINT, '--', 'x [stream:3] [sleep:10]'], world);
    expect(texts(run.events)).toEqual(['Progress 1/3', 'Progress 2/3', 'Progress 3/3', 'Done: x']);
  });

  it('[hang] prints the result and never exits', async () => {
    const run = startUntil(claudePath, [...PRINT, '--', 'x [hang]'], world, (e) => e.type === 'result');
    spawned.push(run.child.pid);
    await run.seen;
    run.child.kill('SIGTERM');
    await expect(run.exited).resolves.toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('[crash] dies by SIGKILL mid-turn, without a result', async () => {
    const run = startUntil(claudePath, [...PRINT, '--', 'x [crash]'], world, () => false);
    run.seen.catch(() => {});
    await expect(run.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('[grandchild] leaves a detached process behind and names its pid', async () => {
    const run = runSync(claudePath, [...PRINT, '--', 'x [grandchild]'], world);
    const pid = Number(/grandchild (\d+)/.exec(run.stderr)[1]);
    spawned.push(pid);
    expect(run.status).toBe(0);
    expect(isAlive(pid)).toBe(true);
  });
});
