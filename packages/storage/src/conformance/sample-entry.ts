import type { SessionEntry } from '@genie/session-schema';

let counter = 0;

/** A valid entry with a fresh id; `overrides` win. */
export function sampleEntry(overrides: Partial<SessionEntry> = {}): SessionEntry {
  counter += 1;
  return {
    sessionId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    agent: 'implementor',
    name: `implementor-${counter}`,
    executor: 'claude',
    mode: 'default',
    status: 'running',
    created: new Date(Date.UTC(2026, 0, 1, 0, 0, counter % 60, counter)).toISOString(),
    ...overrides,
  };
}
