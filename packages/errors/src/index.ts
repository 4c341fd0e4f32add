export { ERROR_CODES } from './codes';
export type { ErrorCode } from './codes';
export { EXIT_CODES, exitCodeFor } from './exit-codes';
export type { ExitCode } from './exit-codes';
export { GenieError, isGenieError } from './genie-error';
export type { GenieErrorOptions } from './genie-error';
