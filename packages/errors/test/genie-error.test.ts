import { GenieError, isGenieError } from '../src/index';

describe('GenieError', () => {
  it('carries a stable code, a hint and details', () => {
    const error = new GenieError('SESSION_NOT_FOUND', 'No session matches "abc".', {
      hint: 'Run `genie list sessions` to see the sessions of this workspace.',
      details: { query: 'abc' },
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('SESSION_NOT_FOUND');
    expect(error.describe()).toBe(
      'No session matches "abc".\nRun `genie list sessions` to see the sessions of this workspace.',
    );
    expect(error.toJSON()).toEqual({
      code: 'SESSION_NOT_FOUND',
      message: 'No session matches "abc".',
      hint: 'Run `genie list sessions` to see the sessions of this workspace.',
      details: { query: 'abc' },
    });
  });

  it('is recognised by code and not confused with other errors', () => {
    const error = new GenieError('STORE_CORRUPT', 'broken');
    expect(isGenieError(error)).toBe(true);
    expect(isGenieError(error, 'STORE_CORRUPT')).toBe(true);
    expect(isGenieError(error, 'LOCK_TIMEOUT')).toBe(false);
    expect(isGenieError(new Error('plain'))).toBe(false);
    expect(error.describe()).toBe('broken');
  });
});
