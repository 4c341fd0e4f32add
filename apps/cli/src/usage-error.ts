/** A usage problem yargs found; parsing stops at the first, so exactly one is reported. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
