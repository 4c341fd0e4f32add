import { GenieError } from '@genie/errors';

/** The GenieError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function errorOf(promise: Promise<unknown>): Promise<GenieError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GenieError) return error;
    throw error;
  }
  throw new Error('expected a GenieError');
}
