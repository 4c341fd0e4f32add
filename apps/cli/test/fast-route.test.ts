import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { COMMAND_HANDLERS, type CommandHandlers, type ParsedArgs } from '../src/command-handlers';
import { fastRoute } from '../src/fast-route';
import { parseWithYargs } from '../src/parser';

/** What yargs did with a command line: the handlers it called, with their arguments, or the error it threw. */
interface YargsOutcome {
  calls: Array<{ command: string; args: ParsedArgs }>;
  error: string | undefined;
}

/**
 * Parses a command line exactly as genie's fallback does (parseWithYargs: the real parser,
 * `-` marked as --stdin, help caching skipped), with every handler replaced by one that
 * records what yargs hands it. What yargs prints (help, version, completion) is muted.
 */
async function throughYargs(argv: string[]): Promise<YargsOutcome> {
  const calls: YargsOutcome['calls'] = [];
  const handlers = Object.fromEntries(
    Object.keys(COMMAND_HANDLERS).map((command) => [command, async (args: ParsedArgs) => void calls.push({ command, args })]),
  ) as CommandHandlers;
  const muted = (['log', 'error', 'warn', 'info'] as const).map((method) => jest.spyOn(console, method).mockImplementation(() => undefined));
  try {
    await parseWithYargs(argv, '0.0.0', handlers);
    return { calls, error: undefined };
  } catch (error) {
    return { calls, error: String(error) };
  } finally {
    for (const spy of muted) spy.mockRestore();
  }
}

/** A deep copy made of plain objects and arrays, so prototypes (yargs-parser's are null) do not count. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  return value;
}

/** Why the fast route and yargs disagree on a command line, or undefined when they agree (or the fast route declines). */
async function disagreement(argv: string[]): Promise<string | undefined> {
  const route = fastRoute(argv);
  if (route === undefined) return undefined;
  const yargs = await throughYargs(argv);
  const [call, ...more] = yargs.calls;
  if (yargs.error !== undefined || call === undefined || more.length > 0) {
    return `the fast route runs ${route.command}, yargs ${yargs.error ?? `calls ${yargs.calls.map((c) => c.command).join(', ') || 'no handler'}`}`;
  }
  if (call.command !== route.command) return `the fast route runs ${route.command}, yargs ${call.command}`;
  if (!isDeepStrictEqual(plain(route.args), plain(call.args))) {
    return `arguments differ:\n  fast route ${JSON.stringify(plain(route.args))}\n  yargs      ${JSON.stringify(plain(call.args))}`;
  }
  return undefined;
}

/** Command lines whose reading is easy to get wrong, written out by hand. */
const HAND_PICKED: string[][] = [
  ['run', 'shell', 'true', '--background', '--json'],
  ['run', 'shell', 'true', '--background', '--json', '--cwd', '/tmp/somewhere'],
  ['--cwd', '/tmp/somewhere', 'run', 'shell', 'true', '--background', '--json'],
  ['--json', 'run', 'shell', 'true'],
  ['--cwd=/tmp/x', '--json', 'ls', '--cwd', 'y', 'sessions'],
  ['run', 'shell', 'echo', 'hello', 'world', '--no-background'],
  ['run', 'shell'],
  ['run', 'shell', '--'],
  ['run', 'shell', '--', '--json', '-f', '5', '-', '--', 'true'],
  ['run', 'shell', 'a', '--', 'b', '--name', 'x'],
  ['run', '--', 'shell', 'x'],
  ['run', 'qa/reviewer', '5', '007', '1e3', '0x10', '1.50', 'Infinity', 'NaN', 'null', 'true', 'false'],
  ['run', '5', 'x'],
  ['run', 'shell', '-5'],
  ['run', 'shell', '-1.5', 'x'],
  ['run', 'shell', 'x', '--name', 'n1'],
  ['run', 'shell', 'x', '--name=n1'],
  ['run', 'shell', 'x', '--name='],
  ['run', 'shell', 'x', '--name', '5'],
  ['run', 'shell', 'x', '--name', 'true'],
  ['run', 'shell', 'x', '--name', '--json'],
  ['run', 'shell', 'x', '--name', '-'],
  ['run', 'shell', 'x', '--name'],
  ['run', 'shell', 'x', '--name', 'a', '--name', 'b'],
  ['run', 'shell', 'x', '--no-name'],
  ['run', 'shell', 'x', '--background', 'false'],
  ['run', 'shell', 'x', '--background', 'true', 'y'],
  ['run', 'shell', 'x', '--background=false'],
  ['run', 'shell', 'x', '--background', '--no-background'],
  ['run', 'shell', 'x', '--json', 'true'],
  ['run', 'shell', 'x', '--json=false'],
  ['run', 'shell', 'x', '--no-json'],
  ['run', 'shell', 'x', '--json', '--json'],
  ['run', 'shell', 'x', '--executor', 'codex', '--model', 'o3', '--mode', 'fast'],
  ['run', 'shell', 'x', '--executor=claude', '--model=m', '--mode=m'],
  ['run', 'shell', 'x', '--stdin'],
  ['run', 'shell', '-'],
  ['run', 'shell', 'x', '-', 'y'],
  ['run', 'shell', 'x', '--agent', 'y'],
  ['run', 'shell', 'x', '--prompt', 'y'],
  ['run', 'shell', 'x', '--bogus'],
  ['run', 'shell', 'x', '-x'],
  ['run', 'shell', 'x', '--help'],
  ['run', 'shell', 'x', '-h'],
  ['run', 'shell', 'x', '--version'],
  ['run', 'shell', 'x', '-v'],
  ['run', 'shell', 'x', '--JSON'],
  ['run', 'shell', '', ' ', 'a=b', 'x.y', '日本語', '🎉', '__proto__', 'constructor', 'hasOwnProperty', "it's", '"quoted"'],
  ['run', 'shell', 'x', '--name.first', 'y'],
  ['run', '', 'x'],
  ['run', 'shell', 'x', '--cwd', ''],
  ['run', 'run', 'run'],
  ['view', ''],
  ['view', 'run'],
  ['stop', 'ls'],
  ['resume', 'list', 'agents'],
  ['run', 'shell', 'x', '---', 'y'],
  ['run', 'shell', 'x', '--=y'],
  ['run', 'shell', 'x', '--no-'],
  ['run'],
  ['run', '--json'],
  ['runn', 'shell', 'x'],
  ['resume', 'abc123', 'now', 'add', 'tests', '--no-background'],
  ['resume', 'abc123'],
  ['resume', 'abc123', '--background', '--', '-x'],
  ['resume', '--json', 'abc123', 'go'],
  ['resume', 'abc123', 'go', '--name', 'x'],
  ['resume'],
  ['view', 'abc123'],
  ['view', 'abc123', '--json'],
  ['view', 'abc123', '-f'],
  ['view', 'abc123', '--follow', '--full'],
  ['view', 'abc123', '-f', '--follow'],
  ['view', 'abc123', '--no-follow'],
  ['view', 'abc123', '--no-f'],
  ['view', 'abc123', '-fj'],
  ['view', 'abc123', '-f', 'true'],
  ['view', 'abc123', '-f=true'],
  ['view', 'abc123', 'extra'],
  ['view', 'abc123', '--', 'x'],
  ['view', 'abc123', '--'],
  ['view', '5'],
  ['view', 'abc123', '--background'],
  ['view'],
  ['stop', 'abc123'],
  ['stop', 'abc123', '--json', '--cwd', '.'],
  ['stop', 'abc123', '-f'],
  ['stop'],
  ['list', 'sessions'],
  ['list', 'sessions', '--json'],
  ['ls', 'sessions', '--status', 'running', '--status', 'lost', '--limit', '5'],
  ['list', 'sessions', '--status', 'running', 'lost'],
  ['list', 'sessions', '--status=running'],
  ['list', 'sessions', '--status', 'sleeping'],
  ['list', 'sessions', '--status'],
  ['list', 'sessions', '--status', '--json'],
  ['list', 'sessions', '--agent', 'qa/reviewer'],
  ['list', 'sessions', '--agent=5'],
  ['list', 'sessions', '--limit', '5'],
  ['list', 'sessions', '--limit=5'],
  ['list', 'sessions', '--limit=abc'],
  ['list', 'sessions', '--limit', 'abc'],
  ['list', 'sessions', '--limit', '1.5'],
  ['list', 'sessions', '--limit', '0x10'],
  ['list', 'sessions', '--limit', '-1'],
  ['list', 'sessions', '--limit='],
  ['list', 'sessions', '--limit'],
  ['list', 'sessions', '--limit', '--json'],
  ['list', 'sessions', '--limit', '5', '--limit', '6'],
  ['list', 'sessions', '--limit', '5', '6'],
  ['list', 'sessions', 'extra'],
  ['list', 'sessions', '--all'],
  ['list', 'agents'],
  ['list', 'agents', '--all', '--json'],
  ['ls', 'agents', '--no-all'],
  ['list', '--all', 'agents'],
  ['list', '--json', 'agents'],
  ['list', '--status', 'running', 'sessions'],
  ['list', 'agents', 'sessions'],
  ['list'],
  ['ls'],
  ['list', 'bogus'],
  ['list', '--help'],
  ['list', 'sessions', '--help'],
  ['list', 'agents', '-h'],
  ['migrate'],
  ['doctor', '--json'],
  ['init'],
  ['mcp', '--http'],
  ['completion'],
  ['--get-yargs-completions', 'run'],
  [],
  ['--json'],
  ['--help'],
  ['--version'],
  ['-v'],
  ['--cwd'],
  ['--cwd', 'run', 'shell', 'x'],
  ['--background', 'run', 'shell', 'x'],
  ['--name', 'run', 'shell', 'x'],
  ['nosuch'],
];

const WORDS = [
  'shell', 'qa/reviewer', 'abc123', 'hello', 'fix the bug', '5', '007', '1e3', '0x10', '1.50', '-5', '-1.5', 'Infinity', 'NaN',
  'true', 'false', 'null', '', ' ', 'a=b', 'x.y', 'sessions', 'agents', 'run', 'ls', '日本語', '__proto__', 'constructor', '-', '--',
  '-n', '---', '--=x',
];

/** Options as they are typed: alone, with a value, `=value`, negated, misspelt, or not genie's at all. */
const OPTIONS = [
  ['--json'], ['--no-json'], ['--json', 'false'], ['--json=true'], ['--cwd', '/tmp/x'], ['--cwd=/tmp/x'], ['--cwd'], ['--cwd='],
  ['--name', 'x'], ['--name=x'], ['--name'], ['--no-name'], ['--name', '5'], ['--name', '-x'], ['--background'], ['--no-background'],
  ['--background', 'true'], ['--background=false'], ['--stdin'], ['--no-stdin'], ['--executor', 'codex'], ['--model', 'm1'],
  ['--mode', 'fast'], ['--full'], ['--no-full'], ['--follow'], ['-f'], ['-fj'], ['--no-follow'], ['--all'], ['--status', 'running'],
  ['--status=lost'], ['--status', 'sleeping'], ['--status', 'running', 'lost'], ['--status'], ['--agent', 'qa'], ['--agent=qa/reviewer'],
  ['--limit', '5'], ['--limit=abc'], ['--limit', 'ten'], ['--limit'], ['--limit', '-1'], ['--limit=5'], ['--limit', '0x10'],
  ['--bogus'], ['--bogus', 'x'], ['-x'], ['--help'], ['-h'], ['--version'], ['-v'], ['--JSON'], ['--prompt', 'p'], ['--session', 's'],
  ['--dry-run'], ['--port', '1'], ['--get-yargs-completions'], ['--foo.bar', '1'],
];

const HEADS = [
  ['run', 'shell'], ['run', 'qa/reviewer'], ['resume', 'abc123'], ['view', 'abc123'], ['stop', 'abc123'], ['list', 'sessions'],
  ['ls', 'sessions'], ['list', 'agents'], ['ls', 'agents'], ['run'], ['resume'], ['view'], ['stop'], ['list'], ['ls'], ['migrate'],
  ['doctor'], ['init'], ['mcp'], ['completion'], ['runn'], [],
];

/** Anything: a command (or none) with words and options of every kind in any order. */
const anyCommandLine = fc
  .tuple(
    fc.array(fc.constantFrom(['--json'], ['--cwd', '/tmp/x'], ['--cwd=/tmp/x'], ['--no-json'], ['--name', 'x'], ['-f']), { maxLength: 2 }),
    fc.constantFrom(...HEADS),
    fc.array(fc.oneof({ arbitrary: fc.constantFrom(...WORDS).map((word) => [word]), weight: 2 }, { arbitrary: fc.constantFrom(...OPTIONS), weight: 3 }), {
      maxLength: 6,
    }),
    fc.option(fc.array(fc.constantFrom(...WORDS, '--json', '--name', '-f', '--help'), { maxLength: 4 }), { nil: undefined }),
  )
  .map(([before, head, body, afterDoubleDash]) => [
    ...before.flat(),
    ...head,
    ...body.flat(),
    ...(afterDoubleDash === undefined ? [] : ['--', ...afterDoubleDash]),
  ]);

/** Words a prompt or a name may hold: plain, number-like, `true`/`false`, empty, odd characters. */
const PROMPT_WORDS = ['hello', 'fix the bug', '5', '007', '1e3', '0x10', '1.50', 'NaN', 'true', 'false', 'null', '', 'a=b', 'x.y', 'sessions', 'run', '日本語', '__proto__'];

const GLOBAL = [['--json'], ['--no-json'], ['--cwd', '/tmp/x'], ['--cwd=/tmp/x'], ['--cwd', '5']];
const TURN = [['--background'], ['--no-background'], ['--stdin']];

/** The options each everyday command accepts, as typed (with values of every kind). */
const COMMANDS: Array<{ head: string[][]; positionals: string[][]; options: string[][]; prompt: boolean }> = [
  {
    head: [['run']],
    positionals: [['shell'], ['qa/reviewer'], ['5'], ['true']],
    options: [...GLOBAL, ...TURN, ['--name', 'n1'], ['--name=n1'], ['--name', '5'], ['--name='], ['--executor', 'codex'], ['--model=o3'], ['--mode', 'fast']],
    prompt: true,
  },
  { head: [['resume']], positionals: [['abc123'], ['007']], options: [...GLOBAL, ...TURN], prompt: true },
  { head: [['view']], positionals: [['abc123'], ['1e3']], options: [...GLOBAL, ['--full'], ['--no-full'], ['--follow'], ['-f'], ['--no-follow']], prompt: false },
  { head: [['stop']], positionals: [['abc123'], ['0x10']], options: GLOBAL, prompt: false },
  { head: [['list', 'agents'], ['ls', 'agents']], positionals: [[]], options: [...GLOBAL, ['--all'], ['--no-all']], prompt: false },
  {
    head: [['list', 'sessions'], ['ls', 'sessions']],
    positionals: [[]],
    options: [...GLOBAL, ['--status', 'running'], ['--status=lost'], ['--status', 'completed'], ['--agent', 'qa'], ['--agent=5'], ['--limit', '5'], ['--limit=abc'], ['--limit', '1.5'], ['--limit=']],
    prompt: false,
  },
];

/** The option a token names, whatever its spelling (`--no-json`, `--name=x`, `-f`). */
function optionName(tokens: string[]): string {
  const name = (tokens[0] ?? '').replace(/^--?(no-)?/, '').replace(/=.*/, '');
  return name === 'f' ? 'follow' : name;
}

/** One of the everyday commands with options it accepts, each once, and now and then a misfit among them. */
const everydayCommandLine = fc
  .constantFrom(...COMMANDS)
  .chain(({ head, positionals, options, prompt }) =>
    fc.tuple(
      fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: fc.constantFrom(['--json'], ['--cwd', '/tmp/y'], ['--cwd=/tmp/y']).map((tokens) => [tokens]), weight: 1 }),
      fc.constantFrom(...head),
      fc.constantFrom(...positionals),
      fc.uniqueArray(
        fc.oneof(
          { arbitrary: fc.constantFrom(...options), weight: 8 },
          { arbitrary: fc.constantFrom(...PROMPT_WORDS).map((word) => [word]), weight: prompt ? 6 : 0 },
          { arbitrary: fc.constantFrom(...OPTIONS), weight: 1 },
        ),
        { maxLength: 5, selector: (tokens) => (tokens[0]?.startsWith('-') ? optionName(tokens) : tokens[0]) },
      ),
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: prompt ? 2 : 8 },
        { arbitrary: fc.array(fc.constantFrom(...PROMPT_WORDS, '--json', '-f', '-', '--'), { maxLength: 3 }), weight: 1 },
      ),
    ),
  )
  .map(([before, head, positional, body, afterDoubleDash]) =>
    [...before.flat(), ...head, ...positional, ...body.flat(), ...(afterDoubleDash === undefined ? [] : ['--', ...afterDoubleDash])],
  );

const GENERATED = [...fc.sample(everydayCommandLine, { numRuns: 600, seed: 20_261_121 }), ...fc.sample(anyCommandLine, { numRuns: 400, seed: 1_121 })];

describe('the fast route', () => {
  it('hands every command line it takes to the same handler, with the same arguments, as yargs', async () => {
    const corpus = [...HAND_PICKED, ...GENERATED];
    const problems: string[] = [];
    let taken = 0;
    for (const argv of corpus) {
      if (fastRoute(argv) !== undefined) taken += 1;
      const problem = await disagreement(argv);
      if (problem !== undefined) problems.push(`genie ${JSON.stringify(argv)}: ${problem}`);
    }
    expect(problems).toEqual([]);
    // A fast route that declined everything would agree with yargs trivially.
    expect(taken).toBeGreaterThan(250);
  });

  it.each([
    [['run', 'shell', 'true', '--background', '--json']],
    [['run', 'shell', 'true', '--background', '--json', '--cwd', '/tmp/somewhere']],
    [['run', 'qa/reviewer', 'review', 'the', 'diff', '--name', 'review-1', '--no-background']],
    [['run', 'shell', '--', 'ls', '-la']],
    [['resume', 'review-1', 'now', 'add', 'tests']],
    [['view', 'review-1', '--json']],
    [['view', 'review-1', '-f']],
    [['stop', 'review-1']],
    [['list', 'sessions', '--json']],
    [['ls', 'sessions', '--status', 'running', '--limit', '5']],
    [['list', 'agents', '--all']],
    [['ls', 'agents']],
  ])('takes `genie %j`', async (argv) => {
    expect(fastRoute(argv)).toBeDefined();
    expect(await disagreement(argv)).toBeUndefined();
  });

  it.each([
    ['help', ['--help']],
    ['help', ['run', '--help']],
    ['help', ['run', 'shell', 'x', '-h']],
    ['help', ['list', 'sessions', '--help']],
    ['help', ['view', 'abc123', '-h']],
    ['the version', ['--version']],
    ['the version', ['run', 'shell', 'x', '--version']],
    ['the version', ['view', 'abc123', '-v']],
    ['completion', ['completion']],
    ['completion', ['--get-yargs-completions', 'run']],
  ])('declines %s (`genie %j`), which yargs prints', async (_what, argv) => {
    expect(fastRoute(argv)).toBeUndefined();
    const yargs = await throughYargs(argv);
    expect(yargs).toEqual({ calls: [], error: undefined });
  });

  it.each([
    [['run', 'shell', 'x', '--bogus']],
    [['run', 'shell', 'x', '-x']],
    [['view', 'abc123', '--limit', '5']],
    [['stop', 'abc123', '-f']],
    [['list', 'sessions', '--all']],
    [['list', 'sessions', '--status', 'sleeping']],
    [['list', 'sessions', '--limit']],
    [['list', 'sessions', '--limit', '--json']],
    [['list', 'sessions', 'extra']],
    [['list', '--all', 'agents']],
    [['view', 'abc123', 'extra']],
    [['view']],
    [['stop']],
    [['run']],
    [['resume', '--json']],
    [['list']],
    [['ls', 'bogus']],
    [['runn', 'shell', 'x']],
    [['nosuch']],
    [[]],
  ])('declines the usage error `genie %j`, which yargs reports', async (argv) => {
    expect(fastRoute(argv)).toBeUndefined();
    const yargs = await throughYargs(argv);
    expect(yargs.calls).toEqual([]);
    expect(yargs.error).toMatch(/^UsageError: /);
  });

  it.each([
    ['a repeated option', ['run', 'shell', 'x', '--name', 'a', '--name', 'b']],
    ['a repeated option', ['view', 'abc123', '-f', '--follow']],
    ['a repeated option', ['run', 'shell', 'x', '--background', '--no-background']],
    ['a boolean option followed by true or false', ['run', 'shell', '--background', 'false']],
    ['a boolean option followed by true or false', ['view', '-f', 'true', 'abc123']],
    ['a boolean option given a value', ['run', 'shell', 'x', '--json=false']],
    ['an array option followed by a word', ['list', 'sessions', '--status', 'running', 'lost']],
    ['an option whose value starts with -', ['run', 'shell', 'x', '--name', '-n']],
    ['an option without its value', ['run', 'shell', 'x', '--name']],
    ['a group of short options', ['view', 'abc123', '-fj']],
    ['a negative number', ['run', 'shell', 'sleep', '-5']],
    ['a command option before the command', ['--background', 'run', 'shell', 'x']],
    ['a command option between list and its subcommand', ['list', '--all', 'agents']],
    ['-- after a command without a prompt', ['view', 'abc123', '--', 'x']],
    ['an option spelt otherwise', ['run', 'shell', 'x', '--JSON']],
  ])('declines %s (`genie %j`), which yargs parses by finer rules', (_what, argv) => {
    expect(fastRoute(argv)).toBeUndefined();
  });

  it('declines a lone `-` (stdin), which yargs reads as --stdin', async () => {
    expect(fastRoute(['run', 'shell', '-'])).toBeUndefined();
    expect(fastRoute(['resume', 'abc123', 'summarise', '-', '--json'])).toBeUndefined();
    const yargs = await throughYargs(['run', 'shell', '-']);
    expect(yargs.calls[0]?.args.stdin).toBe(true);
  });
});
