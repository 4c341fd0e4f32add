import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { toSessionSummary, type SessionEntry } from '@genie/session-schema';
import type { SessionFilter, SessionStorage } from '../session-storage';
import { assertHasFields, assertRejectsWithCode, assertRejectsWithMessage, assertThrowsTypeError } from './assertions';
import { sampleEntry } from './sample-entry';
import type { ConformanceTestApi } from './test-api';

export type StorageFactory = () => SessionStorage | Promise<SessionStorage>;

/**
 * The behaviour every SessionStorage must have, in one process. An adapter's test file hands
 * the runner's test functions and a factory that returns a new, empty storage; the suite
 * closes each one after its test.
 */
export function runStorageConformanceSuite(name: string, factory: StorageFactory, test: ConformanceTestApi): void {
  const { describe, it, beforeEach, afterEach } = test;

  describe(`SessionStorage conformance: ${name}`, () => {
    let storage: SessionStorage;

    beforeEach(async () => {
      storage = await factory();
    });

    afterEach(async () => {
      await storage.close();
    });

    it('describes itself', async () => {
      strictEqual(typeof storage.location, 'string');
      strictEqual(typeof storage.capabilities.crossProcess, 'boolean');
      strictEqual(typeof storage.capabilities.persistent, 'boolean');
    });

    describe('create and get', () => {
      it('returns undefined for an unknown id or name', async () => {
        strictEqual(await storage.get('missing'), undefined);
        strictEqual(await storage.findByName('missing'), undefined);
        deepStrictEqual(await storage.list(), []);
      });

      it('stores a session and returns it by id and by name', async () => {
        const entry = sampleEntry();
        deepStrictEqual(await storage.create(entry), entry);
        deepStrictEqual(await storage.get(entry.sessionId), entry);
        deepStrictEqual(await storage.findByName(entry.name as string), entry);
      });

      it('keeps fields it does not know, and text of any kind', async () => {
        const entry = sampleEntry({
          futureField: { nested: [1, 'two', null, 2.5, false] },
          anotherOne: true,
          lastAnswer: 'tab\there, newline\nthere, "quotes", ünïcödé ✓, \u2028',
        });
        await storage.create(entry);
        deepStrictEqual(await storage.get(entry.sessionId), entry);
      });

      it('refuses a taken id with SESSION_EXISTS', async () => {
        const entry = sampleEntry();
        await storage.create(entry);
        await assertRejectsWithCode(storage.create({ ...entry, name: 'other-name' }), 'SESSION_EXISTS');
        strictEqual((await storage.list()).length, 1);
      });

      it('refuses a taken name with NAME_TAKEN and stores nothing', async () => {
        const first = sampleEntry({ name: 'shared' });
        await storage.create(first);
        const second = sampleEntry({ name: 'shared' });
        await assertRejectsWithCode(storage.create(second), 'NAME_TAKEN');
        strictEqual(await storage.get(second.sessionId), undefined);
      });

      it("suffixes a taken name with onNameTaken 'suffix'", async () => {
        await storage.create(sampleEntry({ name: 'review' }));
        const second = await storage.create(sampleEntry({ name: 'review' }), { onNameTaken: 'suffix' });
        const third = await storage.create(sampleEntry({ name: 'review' }), { onNameTaken: 'suffix' });
        deepStrictEqual([second.name, third.name], ['review-2', 'review-3']);
        strictEqual((await storage.findByName('review-3'))?.sessionId, third.sessionId);
      });

      it('gives concurrent creators of one name distinct names', async () => {
        const created = await Promise.all(
          Array.from({ length: 10 }, () => storage.create(sampleEntry({ name: 'burst' }), { onNameTaken: 'suffix' })),
        );
        strictEqual(new Set(created.map((entry) => entry.name)).size, 10);
        strictEqual((await storage.list()).length, 10);
      });

      it('refuses an invalid record with INVALID_INPUT', async () => {
        const invalid = { sessionId: 'no-agent' } as unknown as SessionEntry;
        await assertRejectsWithCode(storage.create(invalid), 'INVALID_INPUT');
        strictEqual(await storage.get('no-agent'), undefined);
      });

      it('hands out frozen records, so no caller can change what is stored', async () => {
        const entry = sampleEntry({ tags: ['a'], usage: { costUsd: 1 } });
        const returned = await storage.create(entry);
        entry.status = 'failed';
        (entry.tags as string[]).push('b');
        const read = (await storage.get(entry.sessionId)) as SessionEntry;
        const named = (await storage.findByName(entry.name as string)) as SessionEntry;
        const [listed] = await storage.list();
        for (const record of [returned, read, named, listed as SessionEntry]) {
          assertThrowsTypeError(() => {
            record.status = 'lost';
          });
          assertThrowsTypeError(() => (record.tags as string[]).push('c'));
          assertThrowsTypeError(() => {
            (record.usage as { costUsd: number }).costUsd = 2;
          });
        }
        assertHasFields(await storage.get(entry.sessionId), { status: 'running', tags: ['a'], usage: { costUsd: 1 } });
      });

      it('returns updated records frozen too, and the update result matches what is stored', async () => {
        const entry = sampleEntry({ usage: { costUsd: 1 } });
        await storage.create(entry);
        const usage = { costUsd: 3 };
        const updated = await storage.update(entry.sessionId, (current) => ({ ...current, usage }));
        usage.costUsd = 4;
        ok(Object.isFrozen(updated) && Object.isFrozen(updated.usage));
        deepStrictEqual((await storage.get(entry.sessionId))?.usage, { costUsd: 3 });
      });
    });

    describe('update', () => {
      it('applies the change to the latest committed record and returns it', async () => {
        const entry = sampleEntry();
        await storage.create(entry);
        await storage.update(entry.sessionId, (current) => ({ ...current, status: 'completed' }));
        const updated = await storage.update(entry.sessionId, (current) => ({ ...current, turns: current.status === 'completed' ? 2 : 0 }));
        assertHasFields(updated, { status: 'completed', turns: 2 });
        deepStrictEqual(await storage.get(entry.sessionId), updated);
      });

      it('loses no concurrent update', async () => {
        const entry = sampleEntry({ turns: 0 });
        await storage.create(entry);
        await Promise.all(
          Array.from({ length: 25 }, () => storage.update(entry.sessionId, (current) => ({ ...current, turns: (current.turns ?? 0) + 1 }))),
        );
        strictEqual((await storage.get(entry.sessionId))?.turns, 25);
      });

      it('throws SESSION_NOT_FOUND for an unknown id', async () => {
        await assertRejectsWithCode(storage.update('missing', (current) => current), 'SESSION_NOT_FOUND');
      });

      it('refuses to change the session id', async () => {
        const entry = sampleEntry();
        await storage.create(entry);
        await assertRejectsWithCode(storage.update(entry.sessionId, (current) => ({ ...current, sessionId: 'other' })), 'INVALID_INPUT');
        strictEqual(await storage.get('other'), undefined);
      });

      it('refuses a name another session holds, and frees a name that was changed', async () => {
        const first = sampleEntry({ name: 'alpha' });
        const second = sampleEntry({ name: 'beta' });
        await storage.create(first);
        await storage.create(second);
        await assertRejectsWithCode(storage.update(second.sessionId, (current) => ({ ...current, name: 'alpha' })), 'NAME_TAKEN');
        await storage.update(first.sessionId, (current) => ({ ...current, name: 'gamma' }));
        strictEqual(await storage.findByName('alpha'), undefined);
        strictEqual((await storage.findByName('gamma'))?.sessionId, first.sessionId);
        await storage.update(second.sessionId, (current) => ({ ...current, name: 'alpha' }));
        strictEqual((await storage.findByName('alpha'))?.sessionId, second.sessionId);
      });

      it('stores nothing when the change is invalid or the function throws', async () => {
        const entry = sampleEntry();
        await storage.create(entry);
        await assertRejectsWithCode(storage.update(entry.sessionId, (current) => ({ ...current, agent: 42 as unknown as string })), 'INVALID_INPUT');
        await assertRejectsWithMessage(
          storage.update(entry.sessionId, () => {
            throw new Error('caller failed');
          }),
          'caller failed',
        );
        deepStrictEqual(await storage.get(entry.sessionId), entry);
      });

      it('gives the function a copy, so changes it makes without returning them are not stored', async () => {
        const entry = sampleEntry();
        await storage.create(entry);
        await storage.update(entry.sessionId, (current) => {
          current.status = 'failed';
          return { ...entry };
        });
        strictEqual((await storage.get(entry.sessionId))?.status, 'running');
      });
    });

    describe('delete', () => {
      it('removes a session and frees its name', async () => {
        const entry = sampleEntry({ name: 'gone' });
        await storage.create(entry);
        strictEqual(await storage.delete(entry.sessionId), true);
        strictEqual(await storage.get(entry.sessionId), undefined);
        strictEqual(await storage.findByName('gone'), undefined);
        strictEqual(await storage.delete(entry.sessionId), false);
        await storage.create(sampleEntry({ name: 'gone' }));
      });
    });

    describe('list', () => {
      async function seed(): Promise<void> {
        const entries = [
          sampleEntry({ sessionId: 'b-old', created: '2026-01-01T00:00:00.000Z', status: 'completed', agent: 'planner' }),
          sampleEntry({ sessionId: 'a-new', created: '2026-03-01T00:00:00.000Z', status: 'running' }),
          sampleEntry({ sessionId: 'c-tie', created: '2026-02-01T00:00:00.000Z', status: 'failed' }),
          sampleEntry({ sessionId: 'b-tie', created: '2026-02-01T00:00:00.000Z', status: 'running', agent: 'planner' }),
          sampleEntry({ sessionId: 'z-undated', created: undefined, status: 'stopped' }),
          sampleEntry({ sessionId: 'y-unreadable', created: 'not a date', status: 'stopped' }),
        ];
        for (const entry of entries) {
          if (entry.created === undefined) delete entry.created;
          await storage.create(entry);
        }
      }

      const ids = async (filter?: SessionFilter): Promise<string[]> => (await storage.list(filter)).map((entry) => entry.sessionId);

      it('orders newest first, ties by id, undated and unreadable dates last (by id)', async () => {
        await seed();
        deepStrictEqual(await ids(), ['a-new', 'b-tie', 'c-tie', 'b-old', 'y-unreadable', 'z-undated']);
      });

      it('orders by the instant, whatever the time zone offset a record was written with', async () => {
        await storage.create(sampleEntry({ sessionId: 'utc-later', created: '2026-05-01T10:30:00.000Z' }));
        await storage.create(sampleEntry({ sessionId: 'offset-earlier', created: '2026-05-01T12:00:00.000+02:00' }));
        deepStrictEqual(await ids(), ['utc-later', 'offset-earlier']);
      });

      it('filters by one or many statuses, by agent, and limits', async () => {
        await seed();
        deepStrictEqual(await ids({ status: 'running' }), ['a-new', 'b-tie']);
        deepStrictEqual(await ids({ status: ['failed', 'stopped'] }), ['c-tie', 'y-unreadable', 'z-undated']);
        deepStrictEqual(await ids({ status: [] }), []);
        deepStrictEqual(await ids({ agent: 'planner' }), ['b-tie', 'b-old']);
        deepStrictEqual(await ids({ agent: 'planner', status: 'completed' }), ['b-old']);
        deepStrictEqual(await ids({ limit: 2 }), ['a-new', 'b-tie']);
        deepStrictEqual(await ids({ status: 'stopped', limit: 1 }), ['y-unreadable']);
        deepStrictEqual(await ids({ limit: 0 }), []);
      });

      it('filters by a prefix of the id, taken literally', async () => {
        await seed();
        deepStrictEqual(await ids({ idPrefix: 'b-' }), ['b-tie', 'b-old']);
        deepStrictEqual(await ids({ idPrefix: 'b-old' }), ['b-old']);
        deepStrictEqual(await ids({ idPrefix: 'b-', status: 'completed' }), ['b-old']);
        deepStrictEqual(await ids({ idPrefix: 'b-', limit: 1 }), ['b-tie']);
        deepStrictEqual(await ids({ idPrefix: 'B-' }), []);
        deepStrictEqual(await ids({ idPrefix: 'b-old-and-more' }), []);
        // Characters that are wildcards to LIKE and GLOB match only themselves.
        for (const wildcard of ['%', '_', '*', '?', '[', 'b_', 'b%', 'b-*']) deepStrictEqual(await ids({ idPrefix: wildcard }), []);
        deepStrictEqual(await ids({ idPrefix: 'y-unreadable' }), ['y-unreadable']);
      });

      it('reflects updates and deletes in filters and order', async () => {
        await seed();
        await storage.update('c-tie', (current) => ({ ...current, status: 'running', created: '2026-04-01T00:00:00.000Z' }));
        await storage.delete('a-new');
        deepStrictEqual(await ids({ status: 'running' }), ['c-tie', 'b-tie']);
        deepStrictEqual(await ids({ limit: 1 }), ['c-tie']);
      });
    });

    describe('listSummaries', () => {
      /** What listSummaries must return: the summary of each record list() returns, in its order. */
      const expected = async (filter?: SessionFilter) => (await storage.list(filter)).map(toSessionSummary);

      it('summarises what list returns, with every filter, in the same order', async () => {
        await storage.create(sampleEntry({ sessionId: 'older', created: '2026-01-01T00:00:00.000Z', status: 'completed', agent: 'planner' }));
        await storage.create(
          sampleEntry({
            sessionId: 'newer',
            created: '2026-02-01T00:00:00.000Z',
            usage: { inputTokens: 10, outputTokens: 2, costUsd: 0.5 },
            worktree: { path: '/tmp/w', branch: 'genie/newer', base: 'main', repository: '/tmp/r' },
            hookFailures: [{ turn: 1, command: ['notify', 'x'], error: 'exit 1', time: '2026-02-01T00:01:00.000Z' }],
            lastAnswer: 'done: "quoted" ✓',
          }),
        );
        const undated = sampleEntry({ sessionId: 'undated', status: 'lost' });
        delete undated.created;
        await storage.create(undated);
        for (const filter of [undefined, { status: 'completed' as const }, { status: [] }, { agent: 'planner' }, { limit: 1 }, { limit: 0 }]) {
          deepStrictEqual(await storage.listSummaries(filter), await expected(filter));
        }
        strictEqual((await storage.listSummaries())[0]?.costUsd, 0.5);
      });

      it('keeps list order on a store written out of order, with ties, under every kind of filter', async () => {
        const statuses = ['completed', 'failed', 'running', 'lost'] as const;
        for (let i = 0; i < 120; i += 1) {
          // Creation order is a permutation of the time order, and every second pair shares an instant.
          const minute = ((i * 37) % 120) - (((i * 37) % 120) % 2);
          const created = new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
          await storage.create(sampleEntry({ sessionId: `s-${String((i * 53) % 120).padStart(3, '0')}`, created, status: statuses[i % 4], agent: i % 3 === 0 ? 'planner' : 'implementor' }));
        }
        const filters: Array<SessionFilter | undefined> = [
          undefined,
          { status: 'completed' },
          { status: ['failed', 'lost'] },
          { agent: 'planner' },
          { limit: 7 },
          { status: ['running', 'completed'], agent: 'implementor', limit: 11 },
          { idPrefix: 's-1' },
        ];
        for (const filter of filters) deepStrictEqual(await storage.listSummaries(filter), await expected(filter));
        strictEqual((await storage.listSummaries()).length, 120);
      });

      it('follows updates, renames and deletes', async () => {
        const entry = await storage.create(sampleEntry({ status: 'running' }));
        await storage.update(entry.sessionId, (current) => ({ ...current, status: 'completed', name: 'renamed', turns: 3, lastPrompt: 'again' }));
        const [summary] = await storage.listSummaries();
        deepStrictEqual([summary?.status, summary?.name, summary?.turns, summary?.lastPrompt], ['completed', 'renamed', 3, 'again']);
        deepStrictEqual(await storage.listSummaries({ status: 'running' }), []);
        await storage.delete(entry.sessionId);
        deepStrictEqual(await storage.listSummaries(), []);
      });

      it('returns summaries the caller may change', async () => {
        await storage.create(sampleEntry({ usage: { inputTokens: 1 } }));
        const [summary] = await storage.listSummaries();
        (summary as { name: string | null }).name = 'changed';
        deepStrictEqual(await storage.listSummaries(), await expected());
      });
    });

    it('refuses to work after close', async () => {
      await storage.close();
      await assertRejectsWithMessage(storage.get('any'), 'after close()');
    });
  });
}
