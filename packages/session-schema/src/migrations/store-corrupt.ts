import { GenieError } from '@genie/errors';

export const CORRUPT_STORE_HINT =
  'genie will not overwrite a store it cannot read. Fix the listed problems, or move the file aside (keep it as a backup) to start a new store.';

export function storeCorrupt(message: string, problems: string[]): GenieError {
  return new GenieError('STORE_CORRUPT', message, { hint: CORRUPT_STORE_HINT, details: { problems } });
}
