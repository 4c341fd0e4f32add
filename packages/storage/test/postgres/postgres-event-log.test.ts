import { openPostgresStorage, openTeamEventLog, type SessionStorage, type TeamEventLog } from '../../src/index';
import { sampleEntry } from '../../src/conformance/sample-entry';
import { createTestDatabase } from '../../../../tooling/postgres-database';

describe('team event logs in PostgreSQL', () => {
  let url: string;
  const opened: Array<TeamEventLog | SessionStorage> = [];
  const log = (project = 'team'): TeamEventLog => {
    const opening = openTeamEventLog(url, project);
    opened.push(opening);
    return opening;
  };

  beforeAll(async () => {
    url = await createTestDatabase('events');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((each) => each.close()));
  });

  it('keeps lines in order, numbered as in the host file, and stores a repeated copy once', async () => {
    const writer = log();
    expect(await writer.lineCount('s1')).toBe(0);
    await writer.appendLines('s1', 0, ['{"a":1}', '{"a":2}']);
    // A retry after a lost answer sends lines 1..3: line 1 is already there.
    await writer.appendLines('s1', 1, ['{"a":2}', '{"a":3}', '{"a":"tab\\there ✓"}']);
    expect(await writer.lineCount('s1')).toBe(4);
    const reader = log();
    expect(await reader.readLines('s1', 0)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}', '{"a":"tab\\there ✓"}']);
    expect(await reader.readLines('s1', 3)).toEqual(['{"a":"tab\\there ✓"}']);
    expect(await log('other-project').readLines('s1', 0)).toEqual([]);
  });

  it('wakes a follower on another connection when lines arrive, without waiting out its timeout', async () => {
    const follower = log();
    const writer = log();
    await follower.listen();
    const woke = follower.waitForChange('s2', 60_000);
    await writer.appendLines('s2', 0, ['{"line":0}']);
    expect(await woke).toBe(true);
  });

  it('wakes a follower when the session record changes, and not for another session', async () => {
    const storage = openPostgresStorage(url, { project: 'team' });
    opened.push(storage);
    const entry = await storage.create(sampleEntry());
    const other = await storage.create(sampleEntry());
    const follower = log();
    await follower.listen();
    const woke = follower.waitForChange(entry.sessionId, 60_000);
    const unrelated = follower.waitForChange(other.sessionId, 1_500);
    await storage.update(entry.sessionId, (current) => ({ ...current, status: 'completed' }));
    expect(await woke).toBe(true);
    expect(await unrelated).toBe(false);
  });

  it('gives up waiting when aborted', async () => {
    const follower = log();
    const controller = new AbortController();
    const waiting = follower.waitForChange('s3', 60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
  });
});
