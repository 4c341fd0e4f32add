import { GenieError } from '@genie/errors';
import { checkSessionName, defaultSessionName } from '../../src/sessions/session-name';

describe('defaultSessionName', () => {
  it('is the agent basename and the local minute as YYMMDDHHmm', () => {
    expect(defaultSessionName('implementor', new Date(2025, 9, 17, 15, 30, 59))).toBe('implementor-2510171530');
    expect(defaultSessionName('qa/reviewer', new Date(2026, 0, 2, 3, 4))).toBe('reviewer-2601020304');
  });
});

describe('checkSessionName', () => {
  it('accepts one plain word and trims it', () => {
    expect(checkSessionName(' fix-login ')).toBe('fix-login');
  });

  it.each(['', '   ', 'two words', 'tab\there', 'x'.repeat(201)])('refuses %j', (name) => {
    expect(() => checkSessionName(name)).toThrow(GenieError);
  });
});
