import { EXIT_CODES, GenieError } from '@genie/errors';
import { Terminal } from './output/terminal';
import { UsageError, buildParser } from './parser';
import { reportError, reportUsageError } from './report-error';
import { hasUnfinishedWork } from './unfinished-work';

declare const __GENIE_VERSION__: string;

/** What a write fails with once its reader has gone: a closed pipe, or a terminal that hung up. */
const READER_GONE = new Set(['EPIPE', 'EIO']);

/** Whether stdout failed for another reason than its reader going away (see reportLostOutput). */
let outputLost = false;

/**
 * Output that cannot be written (a full disk under `genie ... > out.log`) is incomplete, which
 * exit 0 would hide: say so once on stderr and exit 4 (an I/O error).
 */
function reportLostOutput(error: NodeJS.ErrnoException): void {
  if (outputLost) return;
  outputLost = true;
  const lost = new GenieError('STORE_IO', `Could not write the output: ${error.message}.`, {
    hint: 'Free some space, or send the output somewhere else, then run the command again.',
    details: { errno: error.code ?? null },
  });
  reportError(lost, new Terminal(false));
}

/**
 * `genie list sessions | head` closes the pipe early: that is the reader being done, not
 * an error worth a stack trace. A foreground turn still running goes on to its recorded end
 * (see unfinished-work.ts); what it would print is dropped.
 */
function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!READER_GONE.has(error.code ?? '')) reportLostOutput(error);
    if (hasUnfinishedWork()) return;
    process.exit(outputLost ? EXIT_CODES.STORE_OR_CONFIG : typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  // Diagnostics that cannot be written (a terminal that hung up, a full disk) are dropped;
  // the exit code still tells what happened.
  process.stderr.on('error', () => undefined);
}

/** Runs one command line; a command sets the exit code itself (see defineCommand). */
async function main(argv: string[]): Promise<void> {
  exitQuietlyWhenStdoutCloses();
  try {
    await buildParser(argv, __GENIE_VERSION__).parseAsync();
  } catch (error) {
    const terminal = new Terminal(argv.includes('--json'));
    process.exitCode = error instanceof UsageError ? reportUsageError(error.message, terminal, error.help) : reportError(error, terminal);
  }
  if (outputLost) process.exitCode = EXIT_CODES.STORE_OR_CONFIG;
}

void main(process.argv.slice(2));
