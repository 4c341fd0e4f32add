import { exitCodeForStatus } from '../src/turn-runner';

describe('the exit code of a foreground turn', () => {
  it('fails a turn that did not complete, except one the user stopped', () => {
    expect(exitCodeForStatus('completed')).toBe(0);
    expect(exitCodeForStatus('failed')).toBe(1);
    expect(exitCodeForStatus('lost')).toBe(1);
    expect(exitCodeForStatus('stopped')).toBe(130);
  });
});
