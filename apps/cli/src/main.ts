import { commandIndex } from './command-names';
import { COMMAND_HANDLERS } from './command-handlers';
import { fastRoute } from './fast-route';
import { Terminal } from './output/terminal';
import { reportError, reportUsageError } from './report-error';
import { UsageError } from './usage-error';
import { plainUsageMessage } from './usage-message';

/** `genie run --help` for a problem with `genie run ...`: the help that answers it. */
function helpCommandFor(argv: string[]): string {
  const at = commandIndex(argv);
  const [first, second] = at === -1 ? [] : argv.slice(at);
  if (first === undefined) return 'genie';
  if ((first === 'list' || first === 'ls') && (second === 'agents' || second === 'sessions')) return `genie list ${second}`;
  return `genie ${first}`;
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
 * Runs one command line. The common ones take the fast route (fast-route.ts) straight to
 * their command's handler; everything else is parsed by yargs, loaded only then.
 */
export async function main(argv: string[], version: string): Promise<void> {
  exitQuietlyWhenStdoutCloses();
  try {
    const route = fastRoute(argv);
    if (route) {
      await COMMAND_HANDLERS[route.command](route.args);
    } else {
      const { parseWithYargs } = await import('./parser.js');
      await parseWithYargs(argv, version);
    }
  } catch (error) {
    const terminal = new Terminal(argv.includes('--json'));
    process.exitCode =
      error instanceof UsageError
        ? reportUsageError(plainUsageMessage(error.message, argv), terminal, helpCommandFor(argv))
        : reportError(error, terminal);
  }
}
