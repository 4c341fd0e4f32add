import yargsParser from 'yargs-parser';
import {
  GLOBAL_OPTIONS,
  LIST_AGENTS,
  LIST_NAMES,
  LIST_SESSIONS,
  RESUME,
  RUN,
  STOP,
  VIEW,
  type CommandDeclaration,
  type OptionDeclaration,
} from './command-declarations';
import type { ParsedArgs } from './command-handlers';
import { parserOptions } from './parser-options';

/**
 * The fast route: the common command lines of the everyday commands, parsed by
 * yargs-parser (the tokenizer yargs itself uses) into the very arguments yargs would hand
 * the same handler, without loading yargs, whose set-up and parsing cost every command
 * ~4.5 ms.
 *
 * It is only an optimisation, so it takes a command line only when it is sure what yargs
 * makes of it, and declines (returns undefined) everything else, which yargs then parses
 * as always: help, version, completion, the other commands, unknown, misspelt or repeated
 * options, options without their value, wrong positional counts, values outside an
 * option's choices, a lone `-` (stdin), and tokens that yargs-parser reads by finer rules
 * (groups of short options, a value for a boolean option, a boolean option followed by
 * `true` or `false`, a value starting with `-`, negative numbers, an option of the command
 * before the command's name). test/fast-route.test.ts holds it to yargs.
 */

/** The handlers the fast route calls (keys of COMMAND_HANDLERS). */
export type FastCommand = 'run' | 'resume' | 'view' | 'stop' | 'list agents' | 'list sessions';

export interface Route {
  command: FastCommand;
  args: ParsedArgs;
}

type Options = Readonly<Record<string, OptionDeclaration>>;

interface Command {
  name: FastCommand;
  declaration: CommandDeclaration;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  run: { name: 'run', declaration: RUN },
  resume: { name: 'resume', declaration: RESUME },
  view: { name: 'view', declaration: VIEW },
  stop: { name: 'stop', declaration: STOP },
};

const LIST_COMMANDS: Readonly<Record<string, Command>> = {
  agents: { name: 'list agents', declaration: LIST_AGENTS },
  sessions: { name: 'list sessions', declaration: LIST_SESSIONS },
};

/** Words yargs-parser takes as the value of the boolean option before them. */
const BOOLEAN_WORD = /^(true|false)$/;

/** The declared option a token names: `--name`, `--name=value`, `--no-name` (booleans) or a one-letter alias such as `-f`. */
function optionOf(token: string, options: Options): { name: string; value: string | undefined } | undefined {
  if (!token.startsWith('--')) {
    // One-letter aliases alone: groups such as `-fj` follow rules of their own.
    const name = token.length === 2 ? Object.keys(options).find((key) => options[key]?.alias === token[1]) : undefined;
    return name === undefined ? undefined : { name, value: undefined };
  }
  const equals = token.indexOf('=');
  const name = equals === -1 ? token.slice(2) : token.slice(2, equals);
  const value = equals === -1 ? undefined : token.slice(equals + 1);
  if (Object.hasOwn(options, name)) return { name, value };
  const negated = name.slice('no-'.length);
  if (name.startsWith('no-') && value === undefined && Object.hasOwn(options, negated) && options[negated]?.type === 'boolean') {
    return { name: negated, value };
  }
  return undefined;
}

/**
 * Reads the option at `argv[at]` (a token that starts with `-`), checking it against
 * `options` and the options `seen` so far. Returns the index of its last token (its value,
 * if that is the next token), or undefined to decline the command line.
 */
function readOption(argv: readonly string[], at: number, options: Options, seen: Set<string>): number | undefined {
  const found = optionOf(argv[at] as string, options);
  if (found === undefined) return undefined;
  const option = options[found.name] as OptionDeclaration;
  // Only an array option may be repeated (`--status running --status lost`).
  if (seen.has(found.name) && option.array !== true) return undefined;
  seen.add(found.name);
  const next = argv[at + 1];
  if (option.type === 'boolean') {
    return found.value === undefined && (next === undefined || !BOOLEAN_WORD.test(next)) ? at : undefined;
  }
  let last = at;
  if (found.value === undefined) {
    if (next === undefined || next.startsWith('-')) return undefined;
    last = at + 1;
  }
  // An array option takes every word after it, too.
  const after = argv[last + 1];
  if (option.array === true && after !== undefined && !after.startsWith('-')) return undefined;
  return last;
}

/** The index of the next word from `start`, past global options only; undefined to decline. */
function nextWord(argv: readonly string[], start: number, seen: Set<string>): number | undefined {
  for (let at = start; at < argv.length; at += 1) {
    if (!(argv[at] as string).startsWith('-')) return at;
    const last = argv[at] === '--' ? undefined : readOption(argv, at, GLOBAL_OPTIONS, seen);
    if (last === undefined) return undefined;
    at = last;
  }
  return undefined;
}

/** The command a command line names, and the index of its last word; undefined for any other. */
function commandOf(argv: readonly string[], seen: Set<string>): { command: Command; words: string[]; end: number } | undefined {
  const at = nextWord(argv, 0, seen);
  const word = at === undefined ? undefined : (argv[at] as string);
  if (at === undefined || word === undefined) return undefined;
  if (Object.hasOwn(COMMANDS, word)) return { command: COMMANDS[word] as Command, words: [word], end: at };
  if (!LIST_NAMES.includes(word)) return undefined;
  // Between `list` and its subcommand yargs knows only the global options.
  const subAt = nextWord(argv, at + 1, seen);
  const sub = subAt === undefined ? undefined : (argv[subAt] as string);
  if (subAt === undefined || sub === undefined || !Object.hasOwn(LIST_COMMANDS, sub)) return undefined;
  return { command: LIST_COMMANDS[sub] as Command, words: [word, sub], end: subAt };
}

/** The positional words after the command, and whether `--` came; undefined to decline. */
function positionalWords(argv: readonly string[], start: number, options: Options, seen: Set<string>): { words: string[]; doubleDash: boolean } | undefined {
  const words: string[] = [];
  for (let at = start; at < argv.length; at += 1) {
    const token = argv[at] as string;
    if (token === '--') return { words, doubleDash: true };
    if (!token.startsWith('-')) {
      words.push(token);
      continue;
    }
    const last = readOption(argv, at, options, seen);
    if (last === undefined) return undefined;
    at = last;
  }
  return { words, doubleDash: false };
}

function withinChoices(args: ParsedArgs, options: Options): boolean {
  return Object.entries(options).every(
    ([name, { choices }]) => choices === undefined || args[name] === undefined || [args[name]].flat().every((value) => choices.includes(value as string)),
  );
}

/** The handler and arguments for a command line the fast route takes; undefined for yargs to parse it. */
export function fastRoute(argv: readonly string[]): Route | undefined {
  const seen = new Set<string>();
  const found = commandOf(argv, seen);
  if (found === undefined) return undefined;
  const { command, words: commandWords, end } = found;
  const { positionals } = command.declaration;
  const options: Options = { ...GLOBAL_OPTIONS, ...command.declaration.options };
  const rest = positionalWords(argv, end + 1, options, seen);
  if (rest === undefined) return undefined;
  const required = positionals.filter((positional) => positional.variadic !== true);
  const variadic = positionals.find((positional) => positional.variadic === true);
  if (rest.words.length < required.length || (variadic === undefined && (rest.words.length > required.length || rest.doubleDash))) return undefined;

  // The parse yargs makes once it knows the command: the same parser, options and configuration.
  const parsed = yargsParser.detailed([...argv], parserOptions(options));
  // A backstop: yargs-parser must have found the very words found above.
  const expected = [...commandWords, ...rest.words];
  if (parsed.error || parsed.argv._.length !== expected.length || parsed.argv._.some((word, index) => word !== expected[index])) return undefined;

  // What yargs then does: `_` keeps the command's words, the positionals get their names.
  const args: ParsedArgs = { ...parsed.argv, _: commandWords };
  if (!withinChoices(args, options)) return undefined;
  required.forEach((positional, index) => {
    args[positional.name] = rest.words[index];
  });
  if (variadic !== undefined) args[variadic.name] = rest.words.slice(required.length);
  args.$0 = 'genie';
  return { command: command.name, args };
}
