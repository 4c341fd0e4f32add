import { GenieError } from '@genie/errors';

export function storageClosed(location: string): GenieError {
  return new GenieError('INVALID_INPUT', `The session storage ${location} is closed.`, {
    hint: 'Open the storage again before using it.',
    details: { location },
  });
}
