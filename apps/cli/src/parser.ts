import yargs from 'yargs/yargs';
import type { Argv } from 'yargs';
import { GLOBAL_OPTIONS, helpCommand } from './command';
import clean from './commands/clean';
import diff from './commands/diff';
import doctor from './commands/doctor';
import exportSessions from './commands/export';
import init from './commands/init';
import list from './commands/list';
import merge from './commands/merge';
import mcp from './commands/mcp';
import migrate from './commands/migrate';
import resume from './commands/resume';
import run from './commands/run';
import stop from './commands/stop';
import view from './commands/view';
import worker from './commands/worker';

/** A usage problem yargs found (parsing stops at the first), and the help that answers it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(message: string, readonly help: string) {
    super(message);
  }
}

/**
 * yargs drops a lone `-`, so it is turned into the hidden `--stdin` option before parsing
 * (only before `--`, where it is still a prompt word).
 */
function markStdinPrompt(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((arg, index) => (arg === '-' && (end === -1 || index < end) ? '--stdin' : arg));
}

/**
 * The `genie` command line: every command, in the order the help lists them. A command is
 * one file in commands/ (see defineCommand in command.ts); adding it here is all it takes.
 */
export function buildParser(argv: readonly string[], version: string): Argv {
  const parser = yargs(markStdinPrompt(argv))
    .scriptName('genie')
    .usage('$0 <command> [options]\n\nRun AI coding agents as sessions that never get lost.')
    .parserConfiguration({ 'parse-positional-numbers': false, 'strip-aliased': true, 'populate--': true, 'short-option-groups': false })
    .options(GLOBAL_OPTIONS)
    .command(run)
    .command(resume)
    .command(view)
    .command(stop)
    .command(list)
    .command(diff)
    .command(merge)
    .command(clean)
    .command(migrate)
    .command(exportSessions)
    .command(doctor)
    .command(init)
    .command(mcp)
    .command(worker)
    .completion('completion', 'Print a shell completion script (add its output to ~/.bashrc or ~/.zshrc)')
    .demandCommand(1, 'Name a command.')
    .recommendCommands()
    .strict()
    .updateStrings({ 'Not enough arguments following: %s': '--%s needs a value.' })
    .help()
    .alias('help', 'h')
    .version(version)
    .alias('version', 'v')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      // An error thrown by a command's own code (an option's coerce) is reported as itself.
      if (error && error.name !== 'YError') throw error;
      throw new UsageError(message ?? error?.message ?? 'Invalid arguments.', helpCommand());
    });
  if (!asksForHelp(argv)) skipHelpRendering(parser);
  return parser;
}

function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** The part of yargs' internals that renders help ahead of need (yargs 17 and 18). */
interface HelpCache {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * yargs renders a command's whole help text as it starts the command, to have it should
 * the command fail later and show help. genie never shows help on a failure (`fail` above
 * names the help command instead), so that render (about a tenth of what `genie run`
 * takes to start) is skipped unless help is asked for; Angular's CLI does the same. Where
 * yargs has no such method, nothing changes.
 */
function skipHelpRendering(parser: Argv): void {
  const usage = (parser as unknown as HelpCache).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}
