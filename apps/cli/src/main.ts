import yargsFactory from 'yargs/yargs';
import type { Argv } from 'yargs';
import type { ExitCode } from '@genie/errors';
import { commandIndex } from './command-names';
import type { GlobalArgs } from './global-args';
import { Terminal } from './output/terminal';
import { reportError, reportUsageError } from './report-error';
import { plainUsageMessage } from './usage-message';

const STATUSES = ['starting', 'running', 'completed', 'failed', 'stopped', 'lost'];

/**
 * Runs one command module, loaded only now, and turns its result or error into the
 * process exit code. It sets process.exitCode instead of calling process.exit, so
 * everything written to stdout is flushed before the process ends. (The only exit is
 * exitQuietlyWhenStdoutCloses: once stdout's reader is gone there is nothing to flush.)
 */
function lazy<A extends GlobalArgs>(load: () => Promise<(args: A, terminal: Terminal) => Promise<ExitCode>>) {
  return async (parsed: Record<string, unknown>): Promise<void> => {
    const terminal = new Terminal(parsed.json === true);
    try {
      const command = await load();
      // yargs validated the options against the builder that sits next to this handler.
      process.exitCode = await command(parsed as unknown as A, terminal);
    } catch (error) {
      process.exitCode = reportError(error, terminal);
    }
  };
}

/** Options `run` and `resume` share. */
function turnOptions<T>(y: Argv<T>) {
  return y
    .option('stdin', { type: 'boolean', hidden: true, describe: 'Read the prompt from stdin (what `-` means)' })
    .option('background', {
      type: 'boolean',
      describe: 'Return at once and leave the agent running (--no-background streams it here); default from the agent, else the config',
    });
}

export function buildParser(argv: string[], version: string): Argv {
  return yargsFactory(argv)
    .scriptName('genie')
    .usage('$0 <command> [options]\n\nRun AI coding agents as sessions that never get lost.')
    .parserConfiguration({ 'parse-positional-numbers': false, 'strip-aliased': true, 'populate--': true })
    .option('cwd', { type: 'string', describe: 'Find the workspace (.genie/) from this directory', global: true })
    .option('json', { type: 'boolean', default: false, describe: 'Print exactly one JSON document on stdout', global: true })
    .command(
      'run <agent> [prompt..]',
      'Start an agent on a prompt; prints the session id and name at once',
      (y) =>
        turnOptions(
          y
            .positional('agent', { type: 'string', describe: 'Agent id (qa/reviewer), unique basename or name; `shell` is built in' })
            .positional('prompt', { type: 'string', array: true, describe: 'The prompt; words are joined with spaces, `-` reads stdin' })
            .option('name', { type: 'string', describe: 'Friendly session name (must be unique)' }),
        )
          .option('executor', { type: 'string', describe: 'Override the agent executor (claude, codex, ...)' })
          .option('model', { type: 'string', describe: "Override the agent's model" })
          .option('mode', { type: 'string', describe: 'Use a named mode from .genie/config.yaml' })
          .example('$0 run shell "echo hello" --no-background', 'Run a shell command as a session and wait for it')
          .example('$0 run implementor "add a --dry-run flag" --name dry-run', 'Start a named session in the background')
          .example('$0 run reviewer -- --check the diff', 'Everything after -- is prompt, even words starting with -'),
      lazy(async () => (await import('./commands/run.js')).runCommand),
    )
    .command(
      'resume <session> [prompt..]',
      'Continue a session with a new prompt (same session id, same agent conversation)',
      (y) =>
        turnOptions(
          y
            .positional('session', { type: 'string', describe: 'Session id, unique id prefix (6+ characters) or name' })
            .positional('prompt', { type: 'string', array: true, describe: 'The prompt; words are joined with spaces, `-` reads stdin' }),
        ).example('$0 resume dry-run "now add tests" --no-background', 'Continue and watch the answer'),
      lazy(async () => (await import('./commands/resume.js')).resumeCommand),
    )
    .command(
      'view <session>',
      "Show a session: status, last prompt, the latest answer, usage and cost",
      (y) =>
        y
          .positional('session', { type: 'string', describe: 'Session id, unique id prefix (6+ characters) or name' })
          .option('full', { type: 'boolean', default: false, describe: 'Every turn in order, with tool calls and results' })
          .option('follow', { type: 'boolean', alias: 'f', default: false, describe: 'Stream the running turn until it ends' }),
      lazy(async () => (await import('./commands/view.js')).viewCommand),
    )
    .command(
      'stop <session>',
      'Stop the running turn of a session (its agent and every child process)',
      (y) => y.positional('session', { type: 'string', describe: 'Session id, unique id prefix (6+ characters) or name' }),
      lazy(async () => (await import('./commands/stop.js')).stopCommand),
    )
    .command(['list', 'ls'], 'List agents or sessions', (y) =>
      y
        .command(
          'agents',
          'List the agents of this workspace (and the built-in ones)',
          (a) => a.option('all', { type: 'boolean', default: false, describe: 'Include hidden agents' }),
          lazy(async () => (await import('./commands/list.js')).listAgentsCommand),
        )
        .command(
          'sessions',
          'List sessions of every status, newest first',
          (s) =>
            s
              .option('status', { type: 'string', array: true, choices: STATUSES, describe: 'Only sessions with this status (repeatable)' })
              .option('agent', { type: 'string', describe: 'Only sessions of this agent' })
              // No `type: 'number'`: yargs would turn `--limit ten` into NaN and lose what was typed.
              .option('limit', { requiresArg: true, describe: 'At most this many sessions (the newest)' }),
          lazy(async () => (await import('./commands/list.js')).listSessionsCommand),
        )
        .demandCommand(1, 'Say what to list: `genie list agents` or `genie list sessions`.'),
    )
    .command(
      'migrate',
      'Migrate a version 1 session store to the current version and report what moved',
      (y) => y.option('dry-run', { type: 'boolean', default: false, describe: 'Report what would move; write nothing' }),
      lazy(async () => (await import('./commands/migrate.js')).migrateCommand),
    )
    .command(
      'doctor',
      'Check executors, the session store and reconcile sessions whose runner died',
      (y) => y.option('repair', { type: 'boolean', default: false, describe: 'Restore a corrupt store from its kept previous version' }),
      lazy(async () => (await import('./commands/doctor.js')).doctorCommand),
    )
    .command(
      'init',
      'Create .genie/ with a commented config.yaml and example agents: in the enclosing workspace if there is one, else here; never overwrites',
      (y) => y,
      lazy(async () => (await import('./commands/init.js')).initCommand),
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
      lazy(async () => (await import('./commands/mcp.js')).mcpCommand),
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

/** Stops parsing at the first usage problem, so exactly one error is reported. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `genie run --help` for a problem with `genie run ...`: the help that answers it. */
function helpCommandFor(argv: string[]): string {
  const at = commandIndex(argv);
  const [first, second] = at === -1 ? [] : argv.slice(at);
  if (first === undefined) return 'genie';
  if ((first === 'list' || first === 'ls') && (second === 'agents' || second === 'sessions')) return `genie list ${second}`;
  return `genie ${first}`;
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
 * `genie list sessions | head` closes the pipe early: that is the reader being done, not
 * an error worth a stack trace.
 */
function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
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

export async function main(argv: string[], version: string): Promise<void> {
  exitQuietlyWhenStdoutCloses();
  try {
    const parser = buildParser(markStdinPrompt(argv), version);
    skipHelpCaching(parser);
    await parser.parseAsync();
  } catch (error) {
    const terminal = new Terminal(argv.includes('--json'));
    process.exitCode =
      error instanceof UsageError
        ? reportUsageError(plainUsageMessage(error.message, argv), terminal, helpCommandFor(argv))
        : reportError(error, terminal);
  }
}
