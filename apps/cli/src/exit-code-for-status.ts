import { EXIT_CODES, type ExitCode } from '@genie/errors';
import type { SessionStatus } from './genie-types';

/** A foreground turn that did not complete is a failure, except one the user stopped. */
export function exitCodeForStatus(status: SessionStatus): ExitCode {
  if (status === 'completed' || status === 'starting' || status === 'running') return EXIT_CODES.OK;
  if (status === 'stopped') return EXIT_CODES.INTERRUPTED;
  return EXIT_CODES.TURN_FAILED;
}
