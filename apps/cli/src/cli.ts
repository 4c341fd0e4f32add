import { Terminal } from './output/terminal';
import { UsageError, buildParser } from './parser';
import { reportError, reportUsageError } from './report-error';
import { hasUnfinishedWork } from './unfinished-work';

declare const __GENIE_VERSION__: string;

/** What a write fails with once its reader has gone: a closed pipe, or a terminal that hung up. */
const READER_GONE = new Set(['EPIPE', 'EIO']);

/**
 * `genie list sessions | head` closes the pipe early: that is the reader being done, not
 * an error worth a stack trace. A foreground turn still running goes on to its recorded end
 * (see unfinished-work.ts); what it would print is dropped. Diagnostics for a terminal that
 * hung up are dropped too.
 */
function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!READER_GONE.has(error.code ?? '')) throw error;
    if (hasUnfinishedWork()) return;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (!READER_GONE.has(error.code ?? '')) throw error;
  });
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
}

void main(process.argv.slice(2));
