import type { SessionEntry } from '@genie/session-schema';
import { stopAskedOf, stopRequestOf } from '../../src/stop/stop-request';

const base: SessionEntry = { sessionId: 's-1', agent: 'shell', status: 'running', turns: 2, host: 'host-a' };
const request = { turn: 2, host: 'host-b', at: '2026-12-04T16:00:00.000Z' };

describe("a supervisor's reading of a stop recorded in its session", () => {
  it('ends its turn when the record says the turn was stopped, here or from another host', () => {
    expect(stopAskedOf({ ...base, status: 'stopped', stopping: true }, 2)).toBe(true);
    expect(stopAskedOf({ ...base, status: 'stopped', stopping: true, stopRequest: request }, 2)).toBe(true);
  });

  it('keeps running while its turn runs, and never acts on a stop of another turn', () => {
    expect(stopAskedOf(base, 2)).toBe(false);
    expect(stopAskedOf({ ...base, status: 'stopped', turns: 3 }, 2)).toBe(false);
    expect(stopAskedOf({ ...base, status: 'running', turns: 3, stopRequest: { ...request, turn: 3 } }, 2)).toBe(false);
  });

  it('still ends its turn after the asking host gave it up for lost, or a later turn began, while the request names it', () => {
    expect(stopAskedOf({ ...base, status: 'lost', stopRequest: request }, 2)).toBe(true);
    expect(stopAskedOf({ ...base, status: 'running', turns: 3, stopRequest: request }, 2)).toBe(true);
  });

  it('ignores a malformed request rather than stopping on it', () => {
    expect(stopRequestOf({ ...base, stopRequest: { turn: '2', host: 'host-b', at: request.at } })).toBeUndefined();
    expect(stopRequestOf({ ...base, stopRequest: 'stop' })).toBeUndefined();
    expect(stopAskedOf({ ...base, status: 'lost', stopRequest: { turn: 2 } }, 2)).toBe(false);
  });
});
