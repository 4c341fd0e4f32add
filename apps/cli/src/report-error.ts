import { EXIT_CODES, exitCodeFor, isGenieError, type ExitCode } from '@genie/errors';
import type { Terminal } from './output/terminal';

/**
 * The one place an error becomes output and an exit code. With --json the error is the
 * one document on stdout; otherwise its message and what to do next go to stderr.
 */
export function reportError(error: unknown, terminal: Terminal): ExitCode {
  terminal.stopProgress();
  if (isGenieError(error)) {
    if (terminal.json) {
      terminal.printJson({ error: { code: error.code, message: error.message, hint: error.hint ?? null, details: error.details } });
    } else {
      terminal.diag(`${terminal.err.red('error:')} ${error.describe()}`);
    }
    return exitCodeFor(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (terminal.json) {
    terminal.printJson({ error: { code: 'INTERNAL', message, hint: null, details: {} } });
  } else {
    terminal.diag(`${terminal.err.red('error:')} ${message}`);
    if (error instanceof Error && error.stack && process.env.GENIE_DEBUG) terminal.diag(error.stack);
  }
  return EXIT_CODES.TURN_FAILED;
}

/** A usage error found by the argument parser (unknown option, missing argument). */
export function reportUsageError(message: string, terminal: Terminal, command = 'genie'): ExitCode {
  if (terminal.json) {
    terminal.printJson({ error: { code: 'INVALID_INPUT', message, hint: `Run \`${command} --help\` for usage.`, details: {} } });
  } else {
    terminal.diag(`${terminal.err.red('error:')} ${message}\nRun \`${command} --help\` for usage.`);
  }
  return EXIT_CODES.USAGE;
}
