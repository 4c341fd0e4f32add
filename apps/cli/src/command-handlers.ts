import type { ExitCode } from '@genie/errors';
import type { GlobalArgs } from './global-args';
import { Terminal } from './output/terminal';
import { reportError } from './report-error';

/** What yargs hands a command's handler: every option and positional, by name. */
export type ParsedArgs = Record<string, unknown>;

export type CommandHandler = (parsed: ParsedArgs) => Promise<void>;

/**
 * Runs one command module, loaded only now, and turns its result or error into the
 * process exit code. It sets process.exitCode instead of calling process.exit, so
 * everything written to stdout is flushed before the process ends. (The only exit is
 * exitQuietlyWhenStdoutCloses: once stdout's reader is gone there is nothing to flush.)
 */
function lazy<A extends GlobalArgs>(load: () => Promise<(args: A, terminal: Terminal) => Promise<ExitCode>>): CommandHandler {
  return async (parsed) => {
    const terminal = new Terminal(parsed.json === true);
    try {
      const command = await load();
      // The arguments were checked against the declarations of this command, by yargs or
      // by the fast route.
      process.exitCode = await command(parsed as unknown as A, terminal);
    } catch (error) {
      process.exitCode = reportError(error, terminal);
    }
  };
}

/**
 * The handler of each command, whichever parser read the command line: yargs (parser.ts)
 * or the fast route (fast-route.ts). Each command's module is loaded only when it runs.
 */
export const COMMAND_HANDLERS = {
  run: lazy(async () => (await import('./commands/run.js')).runCommand),
  resume: lazy(async () => (await import('./commands/resume.js')).resumeCommand),
  view: lazy(async () => (await import('./commands/view.js')).viewCommand),
  stop: lazy(async () => (await import('./commands/stop.js')).stopCommand),
  'list agents': lazy(async () => (await import('./commands/list.js')).listAgentsCommand),
  'list sessions': lazy(async () => (await import('./commands/list.js')).listSessionsCommand),
  migrate: lazy(async () => (await import('./commands/migrate.js')).migrateCommand),
  doctor: lazy(async () => (await import('./commands/doctor.js')).doctorCommand),
  init: lazy(async () => (await import('./commands/init.js')).initCommand),
  mcp: lazy(async () => (await import('./commands/mcp.js')).mcpCommand),
} satisfies Record<string, CommandHandler>;

export type CommandHandlers = Record<keyof typeof COMMAND_HANDLERS, CommandHandler>;
