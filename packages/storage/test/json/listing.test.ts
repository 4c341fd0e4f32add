import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toSessionSummary, type SessionEntry } from '@genie/session-schema';
import { runStorageConformanceSuite } from '../../src/conformance';
import { openJsonStorage, type SessionFilter, type SessionStorage } from '../../src/index';
import { tempDir } from '../helpers/temp-dir';

// Every behaviour of the store holds when a listing is kept from the first byte on.
runStorageConformanceSuite('json with a listing', () => openJsonStorage(join(tempDir('listing-conformance'), 'sessions.json'), { listingMinBytes: 0 }));

function entry(index: number, overrides: Partial<SessionEntry> = {}): SessionEntry {
  const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return {
    sessionId: id,
    agent: index % 2 === 0 ? 'implementor' : 'qa/reviewer',
    name: `session-${index}`,
    executor: 'claude',
    status: 'completed',
    created: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
    lastPrompt: `prompt ${index}`,
    lastAnswer: `answer ${index}`,
    turns: 1,
    usage: { inputTokens: index, outputTokens: 1, costUsd: 0.01 },
    ...overrides,
  };
}

/** A store of `count` sessions written as genie writes it, the newest being `count - 1`. */
function writeStore(file: string, count: number, overrides: (index: number) => Partial<SessionEntry> = () => ({})): void {
  const sessions: Record<string, SessionEntry> = {};
  for (let index = 0; index < count; index += 1) {
    const made = entry(index, overrides(index));
    sessions[made.sessionId] = made;
  }
  writeFileSync(file, `${JSON.stringify({ version: 2, sessions }, null, 2)}\n`);
}

function storeFile(): string {
  const dir = tempDir('listing');
  mkdirSync(dir, { recursive: true });
  return join(dir, 'sessions.json');
}

const open = (file: string): SessionStorage => openJsonStorage(file, { listingMinBytes: 0 });

function header(file: string): { store: { ino: number; size: number; mtimeMs: number }; sessions: number } {
  const text = readFileSync(`${file}.listing`, 'utf8');
  return JSON.parse(text.slice(0, text.indexOf('\n'))) as { store: { ino: number; size: number; mtimeMs: number }; sessions: number };
}

function currentKey(file: string): { ino: number; size: number; mtimeMs: number } {
  const stats = statSync(file);
  return { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

async function summaries(storage: SessionStorage, filter?: SessionFilter): Promise<unknown[]> {
  return (await storage.listSummaries(filter)).map((bytes) => JSON.parse(bytes.toString('utf8')) as unknown);
}

/** What a listing must say: the summaries of list, read from a storage that parses the store. */
async function expected(file: string, filter?: SessionFilter): Promise<unknown[]> {
  const parsing = openJsonStorage(file, { listingMinBytes: Number.POSITIVE_INFINITY });
  try {
    return (await parsing.list(filter)).map(toSessionSummary);
  } finally {
    await parsing.close();
  }
}

/** Changes one summary's answer inside the listing file without touching its header. */
function editListedAnswer(file: string, from: string, to: string): void {
  const listing = readFileSync(`${file}.listing`, 'utf8');
  expect(listing).toContain(`"answer":"${from}"`);
  writeFileSync(`${file}.listing`, listing.replace(`"answer":"${from}"`, `"answer":"${to}"`));
}

describe('the JSON store listing', () => {
  it('is made by the first list of a store from listingMinBytes on, and answers later lists without the store', async () => {
    const file = storeFile();
    writeStore(file, 30);
    const first = open(file);
    expect(await summaries(first)).toEqual(await expected(file));
    await first.close();
    expect(header(file)).toMatchObject({ store: currentKey(file), sessions: 30 });

    // The listing is what answers: an edit made to it alone shows.
    editListedAnswer(file, 'answer 29', 'answer from the listing');
    const second = open(file);
    const listed = (await summaries(second)) as Array<{ answer: string }>;
    expect(listed[0]?.answer).toBe('answer from the listing');
    await second.close();
  });

  it('is not made below listingMinBytes', async () => {
    const file = storeFile();
    writeStore(file, 3);
    const storage = openJsonStorage(file, { listingMinBytes: statSync(file).size + 1 });
    expect(await summaries(storage)).toEqual(await expected(file));
    await storage.close();
    expect(existsSync(`${file}.listing`)).toBe(false);
  });

  it('filters, limits and orders as list does, from the listing', async () => {
    const file = storeFile();
    // Two sessions share a created time (ordered by id), two have none (last).
    writeStore(file, 12, (index) =>
      index === 4 || index === 5 ? { created: '2026-01-01T00:30:00.000Z' } : index >= 10 ? { created: undefined } : { status: index % 3 === 0 ? 'failed' : 'completed' },
    );
    const maker = open(file);
    await maker.listSummaries();
    await maker.close();
    const filters: Array<SessionFilter | undefined> = [
      undefined,
      { status: 'failed' },
      { status: ['failed', 'completed'] },
      { agent: 'qa/reviewer' },
      { agent: 'qa/reviewer', status: 'completed', limit: 2 },
      { limit: 3 },
      { agent: 'nobody' },
    ];
    for (const filter of filters) {
      const storage = open(file);
      expect(await summaries(storage, filter)).toEqual(await expected(file, filter));
      await storage.close();
    }
  });

  it('follows every write: created, updated and deleted sessions, from other storages too', async () => {
    const file = storeFile();
    writeStore(file, 20);
    const maker = open(file);
    await maker.listSummaries();
    await maker.close();

    const writer = open(file);
    await writer.create(entry(100, { created: new Date(Date.UTC(2027, 0, 1)).toISOString(), lastAnswer: 'newest' }));
    await writer.create(entry(101, { created: new Date(Date.UTC(2025, 0, 1)).toISOString(), lastAnswer: 'oldest' }));
    await writer.update(entry(5).sessionId, (current) => ({ ...current, lastAnswer: 'updated', status: 'running', runnerPid: 123 }));
    await writer.delete(entry(7).sessionId);
    await writer.close();
    expect(header(file)).toMatchObject({ store: currentKey(file), sessions: 21 });

    // Proof the next reader uses the spliced listing: an edit to it shows.
    editListedAnswer(file, 'updated', 'updated, as listed');
    const reader = open(file);
    const listed = (await summaries(reader)) as Array<{ sessionId: string; answer: string }>;
    await reader.close();
    editListedAnswer(file, 'updated, as listed', 'updated');
    expect(listed.find((summary) => summary.sessionId === entry(5).sessionId)?.answer).toBe('updated, as listed');
    const fresh = open(file);
    expect(await summaries(fresh)).toEqual(await expected(file));
    await fresh.close();
    expect(listed.map((summary) => summary.sessionId)).toEqual(((await expected(file)) as Array<{ sessionId: string }>).map((summary) => summary.sessionId));
    expect(listed[0]?.answer).toBe('newest');
    expect(listed[listed.length - 1]?.answer).toBe('oldest');
  });

  it('follows writes to a listing of more sessions than its first read looks at', async () => {
    const file = storeFile();
    writeStore(file, 1200);
    const maker = open(file);
    await maker.listSummaries();
    await maker.close();
    const writer = open(file);
    await writer.create(entry(5000, { created: new Date(Date.UTC(2027, 0, 1)).toISOString() }));
    await writer.close();
    expect(header(file)).toMatchObject({ store: currentKey(file), sessions: 1201 });
    const reader = open(file);
    expect(await summaries(reader)).toEqual(await expected(file));
    await reader.close();
  });

  it('hands reconciliation the full records of active sessions, from the listing', async () => {
    const file = storeFile();
    writeStore(file, 10, (index) => (index === 3 || index === 8 ? { status: index === 3 ? 'starting' : 'running', runnerPid: 4242 + index, host: 'here' } : {}));
    const maker = open(file);
    await maker.listSummaries();
    await maker.close();
    const storage = open(file);
    const active = await storage.list({ status: ['starting', 'running'] });
    expect(active).toEqual(await (async () => {
      const parsing = openJsonStorage(file, { listingMinBytes: Number.POSITIVE_INFINITY });
      const entries = await parsing.list({ status: ['starting', 'running'] });
      await parsing.close();
      return entries;
    })());
    expect(Object.isFrozen(active[0])).toBe(true);
    await storage.close();

    // They come from the listing: an edit made to it alone shows.
    const listing = readFileSync(`${file}.listing`, 'utf8');
    writeFileSync(`${file}.listing`, listing.replace('"runnerPid":4245', '"runnerPid":4299'));
    const reader = open(file);
    expect((await reader.list({ status: 'starting' })).map((record) => record.runnerPid)).toEqual([4299]);
    await reader.close();
  });

  it('is ignored once the store changes behind it, and made again', async () => {
    const file = storeFile();
    writeStore(file, 15);
    const maker = open(file);
    await maker.listSummaries();
    await maker.close();
    const before = header(file);

    // A store rewritten by hand (or restored from its backup): same sessions, other answers.
    writeStore(file, 15, () => ({ lastAnswer: 'rewritten' }));
    const storage = open(file);
    const listed = (await summaries(storage)) as Array<{ answer: string }>;
    await storage.close();
    expect(listed.every((summary) => summary.answer === 'rewritten')).toBe(true);
    expect(header(file).store).toEqual(currentKey(file));
    expect(header(file).store).not.toEqual(before.store);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length - 10)],
    ['missing a line', (text: string) => text.replace(/\n[^\n]*\n$/, '\n')],
    ['with a line of another shape', (text: string) => text.replace('\t', '\t\t')],
    ['with a damaged time', (text: string) => text.replace(/\t(\d+)\t/, '\t12x4\t')],
    ['with a header of another format', (text: string) => text.replace('genie-session-listing', 'something-else')],
    ['empty', () => ''],
  ])('is ignored when %s, and made again', async (_label, damage) => {
    const file = storeFile();
    writeStore(file, 8);
    const maker = open(file);
    await maker.listSummaries();
    await maker.close();
    const listingFile = `${file}.listing`;
    const damaged = damage(readFileSync(listingFile, 'utf8'));
    writeFileSync(listingFile, damaged);
    const storage = open(file);
    expect(await summaries(storage)).toEqual(await expected(file));
    expect(await storage.list({ status: 'running' })).toEqual([]);
    await storage.close();
    expect(readFileSync(listingFile, 'utf8')).not.toBe(damaged);
    expect(header(file).store).toEqual(currentKey(file));
  });

  it('never fails a write it cannot follow; the listing it leaves is ignored', async () => {
    const file = storeFile();
    writeStore(file, 6);
    const maker = open(file);
    await maker.listSummaries();
    await maker.close();
    // The writer's staging path is taken by a directory: the listing cannot be replaced.
    mkdirSync(`${file}.listing.tmp`);
    const writer = open(file);
    await writer.create(entry(50, { created: new Date(Date.UTC(2027, 0, 1)).toISOString() }));
    await writer.close();
    expect(header(file).store).not.toEqual(currentKey(file));
    const reader = open(file);
    const listed = (await summaries(reader)) as Array<{ sessionId: string }>;
    await reader.close();
    expect(listed[0]?.sessionId).toBe(entry(50).sessionId);
    expect(listed).toEqual(await expected(file));
  });
});
