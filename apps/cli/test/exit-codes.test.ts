import { ERROR_CODES } from '@genie/errors';
import { EXIT, exitCodeForError, exitCodeForStatus } from '../src/exit-codes';

describe('exit codes', () => {
  it('map the documented error codes', () => {
    expect(exitCodeForError('INVALID_INPUT')).toBe(2);
    expect(exitCodeForError('SESSION_AMBIGUOUS')).toBe(2);
    expect(exitCodeForError('NAME_TAKEN')).toBe(2);
    expect(exitCodeForError('SESSION_NOT_FOUND')).toBe(3);
    expect(exitCodeForError('AGENT_NOT_FOUND')).toBe(3);
    for (const code of ['STORE_CORRUPT', 'STORE_VERSION_UNSUPPORTED', 'STORE_IO', 'LOCK_TIMEOUT', 'CONFIG_INVALID', 'AGENT_INVALID'] as const) {
      expect(exitCodeForError(code)).toBe(4);
    }
    expect(exitCodeForError('INTERRUPTED')).toBe(130);
  });

  it('give every genie error code an exit code, and unknown errors 1', () => {
    for (const code of ERROR_CODES) expect(Object.values(EXIT)).toContain(exitCodeForError(code));
    expect(exitCodeForError(undefined)).toBe(1);
  });

  it('fail a foreground turn that did not complete', () => {
    expect(exitCodeForStatus('completed')).toBe(0);
    expect(exitCodeForStatus('failed')).toBe(1);
    expect(exitCodeForStatus('lost')).toBe(1);
    expect(exitCodeForStatus('stopped')).toBe(130);
  });
});
