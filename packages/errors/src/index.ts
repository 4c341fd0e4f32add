export { ERROR_CODES } from './codes';
export type { ErrorCode } from './codes';
export { GenieError, isGenieError } from './genie-error';
export type { GenieErrorOptions } from './genie-error';
