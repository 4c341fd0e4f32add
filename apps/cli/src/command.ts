import { resolve } from 'node:path';
import type { Genie } from '@genie/core';
import type { ExitCode } from '@genie/errors';
import type { ArgumentsCamelCase, Argv, CommandModule, InferredOptionTypes } from 'yargs';
import { Terminal } from './output/terminal';
import { reportError } from './report-error';

/** Options every command accepts (declared on the top-level parser). */
export const GLOBAL_OPTIONS = {
  cwd: { type: 'string', describe: 'Find the workspace (.genie/) from this directory', global: true },
  json: { type: 'boolean', default: false, describe: 'Print exactly one JSON document on stdout', global: true },
} as const;

export type GlobalArgs = InferredOptionTypes<typeof GLOBAL_OPTIONS>;

/** The `<session>` positional of the commands that act on one session. */
export const SESSION = { type: 'string', demandOption: true, describe: 'Session id, unique id prefix (6+ characters) or name' } as const;

/**
 * One `genie` command: its yargs declaration and its body. The builder declares the
 * positionals and options once; the body's `args` are typed from that declaration.
 */
export interface GenieCommand<A> {
  /** yargs' command string: the name, then `<required>` and `[variadic..]` positionals. */
  command: string;
  aliases?: readonly string[];
  describe: string;
  builder: (y: Argv<GlobalArgs>) => Argv<A>;
  /**
   * What the command cannot do without, for the message when its required positional is
   * missing (`genie view needs a session: genie view <session>`).
   */
  needs?: string;
  /** Returns the exit code; a thrown error is reported (report-error.ts) instead. */
  run?: (args: ArgumentsCamelCase<A>, terminal: Terminal) => Promise<ExitCode>;
}

/** The words of the command yargs is parsing (`['list', 'sessions']`), for the help a usage error points to. */
const matchedWords: string[] = [];

/** `genie list sessions --help`: the help that answers a usage error in the command being parsed. */
export function helpCommand(): string {
  return ['genie', ...matchedWords].join(' ');
}

/**
 * yargs' key for a missing required positional. Its message gets the counts found and
 * needed as two more arguments; `%c` (a format specifier that prints nothing) takes them.
 */
const NOT_ENOUGH_POSITIONALS = 'Not enough non-option arguments: got %s, need at least %s';

/**
 * The yargs command module for a genie command. yargs runs a command's builder only when
 * that command is the one given, so the builder is where the command becomes the one a
 * usage error talks about. The body runs with its own Terminal; its exit code (or its
 * error's) becomes process.exitCode rather than a process.exit, so stdout is flushed
 * before the process ends.
 */
export function defineCommand<A>(spec: GenieCommand<A>): CommandModule<GlobalArgs, A> {
  const name = spec.command.split(' ')[0] as string;
  return {
    command: spec.command,
    ...(spec.aliases ? { aliases: spec.aliases } : {}),
    describe: spec.describe,
    builder: (y) => {
      matchedWords.push(name);
      if (spec.needs !== undefined) {
        const message = `genie ${name} needs ${spec.needs}: genie ${spec.command}%c%c`;
        y.updateStrings({ [NOT_ENOUGH_POSITIONALS]: { one: message, other: message } as unknown as string });
      }
      return spec.builder(y);
    },
    handler: async (args) => {
      if (spec.run === undefined) return;
      const terminal = new Terminal(args.json === true);
      try {
        process.exitCode = await spec.run(args, terminal);
      } catch (error) {
        process.exitCode = reportError(error, terminal);
      }
    },
  };
}

/**
 * Opens the library for one command and always closes it. Warnings the library raises
 * (migration notices, reconciled sessions) are diagnostics: they go to stderr. The library
 * is loaded here, on first use, so `--help` and usage errors never load it.
 */
export async function withGenie<T>(args: GlobalArgs, terminal: Terminal, use: (genie: Genie) => Promise<T>): Promise<T> {
  const { openGenie } = await import('@genie/core');
  const genie = await openGenie({
    cwd: args.cwd === undefined ? process.cwd() : resolve(args.cwd),
    env: process.env,
    onWarning: (message) => terminal.warn(message),
  });
  try {
    return await use(genie);
  } finally {
    await genie.close();
  }
}
