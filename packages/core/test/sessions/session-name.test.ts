import { GenieError } from '@genie/errors';
import { checkSessionName, defaultSessionName } from '../../src/sessions/session-name';

describe('defaultSessionName', () => {
  it('makes an agent basename that is not one word into one', () => {
    expect(defaultSessionName('team/my agent', new Date(2026, 0, 2, 3, 4))).toBe('my-agent-2601020304');
  });

  it('is the agent basename and the local minute as YYMMDDHHmm', () => {
    expect(defaultSessionName('implementor', new Date(2025, 9, 17, 15, 30, 59))).toBe('implementor-2510171530');
    expect(defaultSessionName('qa/reviewer', new Date(2026, 0, 2, 3, 4))).toBe('reviewer-2601020304');
  });
});

describe('checkSessionName', () => {
  it('accepts one plain word and trims it', () => {
    expect(checkSessionName(' fix-login ')).toBe('fix-login');
  });

  it.each(['release_2.1', 'café-tâche', 'abc12', 'beef', 'task-2902ef2e', 'x'.repeat(200)])('accepts %j', (name) => {
    expect(checkSessionName(name)).toBe(name);
  });

  it.each(['', '   ', 'two words', 'tab\there', 'x'.repeat(201), 'qa/fix', '-rf', '--json', 'a;b', 'back\\slash'])('refuses %j', (name) => {
    expect(() => checkSessionName(name)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it.each(['2902ef2e', 'DEADBEEF', '2902ef2e-1a2b', 'facade', '123456', 'legacy-implementor-ab12'])('refuses the id-like %j, saying why', (name) => {
    const error = (() => {
      try {
        checkSessionName(name);
      } catch (caught) {
        return caught as GenieError;
      }
      throw new Error('expected a GenieError');
    })();
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('looks like a session id');
    expect(error.hint).toContain(`task-${name}`);
  });
});
