import { Terminal } from './output/terminal';
import { UsageError, buildParser } from './parser';
import { reportError, reportUsageError } from './report-error';

declare const __GENIE_VERSION__: string;

/**
 * `genie list sessions | head` closes the pipe early: that is the reader being done, not
 * an error worth a stack trace. A terminal that went away (EIO) is not one either: SIGHUP
 * follows, and a foreground turn still has to stop its agent and record that (see
 * turn-runner.ts), so what cannot be shown any more is dropped instead of ending the process.
 */
function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EIO') return;
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EIO' && error.code !== 'EPIPE') throw error;
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
