import yargsFactory from 'yargs/yargs';
import type { Argv } from 'yargs';
import {
  GLOBAL_OPTIONS,
  LIST_AGENTS,
  LIST_NAMES,
  LIST_SESSIONS,
  PARSER_CONFIGURATION,
  RESUME,
  RUN,
  STOP,
  VIEW,
  commandString,
  type CommandDeclaration,
} from './command-declarations';
import { COMMAND_HANDLERS, type CommandHandlers } from './command-handlers';
import { UsageError } from './usage-error';

/**
 * The full parser, yargs. Only this module loads yargs, and only command lines the fast
 * route (fast-route.ts) declines load this module: help, completion, usage errors, the
 * commands the fast route leaves alone and anything unusual.
 */

/** Declares a command's positionals and options (command-declarations.ts) to yargs. */
function declare<T>(y: Argv<T>, command: CommandDeclaration): Argv<T> {
  for (const positional of command.positionals) {
    y.positional(positional.name, { type: 'string', ...(positional.variadic ? { array: true } : {}), describe: positional.describe });
  }
  y.options(command.options);
  return y;
}

export function buildParser(argv: string[], version: string, handlers: CommandHandlers = COMMAND_HANDLERS): Argv {
  return yargsFactory(argv)
    .scriptName('genie')
    .usage('$0 <command> [options]\n\nRun AI coding agents as sessions that never get lost.')
    .parserConfiguration(PARSER_CONFIGURATION)
    .options(GLOBAL_OPTIONS)
    .command(
      commandString(RUN),
      'Start an agent on a prompt; prints the session id and name at once',
      (y) =>
        declare(y, RUN)
          .example('$0 run shell "echo hello" --no-background', 'Run a shell command as a session and wait for it')
          .example('$0 run implementor "add a --dry-run flag" --name dry-run', 'Start a named session in the background')
          .example('$0 run reviewer -- --check the diff', 'Everything after -- is prompt, even words starting with -'),
      handlers.run,
    )
    .command(
      commandString(RESUME),
      'Continue a session with a new prompt (same session id, same agent conversation)',
      (y) => declare(y, RESUME).example('$0 resume dry-run "now add tests" --no-background', 'Continue and watch the answer'),
      handlers.resume,
    )
    .command(commandString(VIEW), 'Show a session: status, last prompt, the latest answer, usage and cost', (y) => declare(y, VIEW), handlers.view)
    .command(commandString(STOP), 'Stop the running turn of a session (its agent and every child process)', (y) => declare(y, STOP), handlers.stop)
    .command([...LIST_NAMES], 'List agents or sessions', (y) =>
      y
        .command(commandString(LIST_AGENTS), 'List the agents of this workspace (and the built-in ones)', (a) => declare(a, LIST_AGENTS), handlers['list agents'])
        .command(commandString(LIST_SESSIONS), 'List sessions of every status, newest first', (s) => declare(s, LIST_SESSIONS), handlers['list sessions'])
        .demandCommand(1, 'Say what to list: `genie list agents` or `genie list sessions`.'),
    )
    .command(
      'migrate',
      'Migrate a version 1 session store to the current version and report what moved',
      (y) => y.option('dry-run', { type: 'boolean', default: false, describe: 'Report what would move; write nothing' }),
      handlers.migrate,
    )
    .command(
      'doctor',
      'Check executors, the session store and reconcile sessions whose runner died',
      (y) => y.option('repair', { type: 'boolean', default: false, describe: 'Restore a corrupt store from its kept previous version' }),
      handlers.doctor,
    )
    .command(
      'init',
      'Create .genie/ with a commented config.yaml and example agents: in the enclosing workspace if there is one, else here; never overwrites',
      (y) => y,
      handlers.init,
    )
    .command(
      'mcp',
      'Serve genie over MCP (stdio by default) for Claude Code, Codex and other clients',
      (y) =>
        y
          .option('http', { type: 'boolean', default: false, describe: 'Serve Streamable HTTP at /mcp instead of stdio' })
          // No `type: 'number'`: yargs would turn `--port eighty` into NaN and lose what was typed.
          .option('port', { requiresArg: true, default: 8848, describe: 'HTTP port (0 picks a free one)' })
          .option('host', { type: 'string', default: '127.0.0.1', describe: 'HTTP address to bind; anything but loopback needs GENIE_MCP_TOKEN' })
          .option('allowed-host', {
            type: 'string',
            array: true,
            describe: 'Another Host header name to accept over HTTP, e.g. a reverse proxy (repeatable)',
          })
          .example('$0 mcp --cwd ~/src/app', 'Serve the agents and sessions of ~/src/app over stdio')
          .example('$0 mcp --http --port 8848', 'Serve http://127.0.0.1:8848/mcp'),
      handlers.mcp,
    )
    .completion('completion', 'Print a shell completion script (add its output to ~/.bashrc or ~/.zshrc)')
    .demandCommand(1, 'Name a command.')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version(version)
    .alias('version', 'v')
    // yargs renders the help text even for a normal run (to cache it); wrapping it costs
    // a few ms of start-up, so it is done only when help is actually asked for.
    .wrap(argv.includes('--help') || argv.includes('-h') ? Math.min(110, process.stdout.columns || 100) : null)
    .exitProcess(false)
    .fail((message, error) => {
      if (error && error.name !== 'YError') throw error;
      throw new UsageError(message ?? error?.message ?? 'Invalid arguments.');
    });
}

/**
 * yargs drops a lone `-`, so it is turned into the hidden `--stdin` option before parsing
 * (only before `--`, where it is still a prompt word).
 */
function markStdinPrompt(argv: string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((arg, index) => (arg === '-' && (end === -1 || index < end) ? '--stdin' : arg));
}

/**
 * yargs renders the whole help text each time a command handler starts, only to keep it
 * for a later `showHelp()`. genie never shows help once a handler runs (`--help` renders
 * afresh), and the rendering cost every command 3-6 ms of start-up. Left alone
 * if a yargs version has no such internals.
 */
function skipHelpCaching(parser: Argv): void {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } };
  const usage = (parser as unknown as Internals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** Parses with yargs and runs the command it finds; throws UsageError for a usage problem. */
export async function parseWithYargs(argv: string[], version: string, handlers: CommandHandlers = COMMAND_HANDLERS): Promise<void> {
  const parser = buildParser(markStdinPrompt(argv), version, handlers);
  skipHelpCaching(parser);
  await parser.parseAsync();
}
