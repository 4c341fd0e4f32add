import { isGenieError, type ErrorCode } from '@genie/errors';
import { toSessionSummary, type SessionEntry } from '@genie/session-schema';
import type { SessionStorage } from '../session-storage';
import { sampleEntry } from './sample-entry';

export type StorageFactory = () => SessionStorage | Promise<SessionStorage>;

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isGenieError(error) ? error.code : error).toBe(code);
}

/**
 * The behaviour every SessionStorage must have. An adapter's test file hands a factory that
 * returns a new, empty storage; the suite closes each one after its test.
 */
export function runStorageConformanceSuite(name: string, factory: StorageFactory): void {
  describe(`SessionStorage conformance: ${name}`, () => {
    let storage: SessionStorage;

    beforeEach(async () => {
      storage = await factory();
    });

    afterEach(async () => {
      await storage.close();
    });

    it('describes itself', () => {
      expect(typeof storage.location).toBe('string');
      expect(typeof storage.capabilities.crossProcess).toBe('boolean');
      expect(typeof storage.capabilities.persistent).toBe('boolean');
    });

    describe('create and get', () => {
      it('returns undefined for an unknown id or name', async () => {
        expect(await storage.get('missing')).toBeUndefined();
        expect(await storage.findByName('missing')).toBeUndefined();
        expect(await storage.list()).toEqual([]);
      });

      it('stores a session and returns it by id and by name', async () => {
        const entry = sampleEntry();
        expect(await storage.create(entry)).toEqual(entry);
        expect(await storage.get(entry.sessionId)).toEqual(entry);
        expect(await storage.findByName(entry.name as string)).toEqual(entry);
      });

      it('keeps fields it does not know', async () => {
        const entry = sampleEntry({ futureField: { nested: [1, 'two', null] }, anotherOne: true });
        await storage.create(entry);
        expect(await storage.get(entry.sessionId)).toEqual(entry);
      });

      it('refuses a taken id with SESSION_EXISTS', async () => {
        const entry = sampleEntry();
        await storage.create(entry);
        await expectCode(storage.create({ ...entry, name: 'other-name' }), 'SESSION_EXISTS');
        expect(await storage.list()).toHaveLength(1);
      });

      it('refuses a taken name with NAME_TAKEN and stores nothing', async () => {
        const first = sampleEntry({ name: 'shared' });
        await storage.create(first);
        const second = sampleEntry({ name: 'shared' });
        await expectCode(storage.create(second), 'NAME_TAKEN');
        expect(await storage.get(second.sessionId)).toBeUndefined();
      });

      it("suffixes a taken name with onNameTaken 'suffix'", async () => {
        await storage.create(sampleEntry({ name: 'review' }));
        const second = await storage.create(sampleEntry({ name: 'review' }), { onNameTaken: 'suffix' });
        const third = await storage.create(sampleEntry({ name: 'review' }), { onNameTaken: 'suffix' });
        expect([second.name, third.name]).toEqual(['review-2', 'review-3']);
        expect((await storage.findByName('review-3'))?.sessionId).toBe(third.sessionId);
      });

      it('gives concurrent creators of one name distinct names', async () => {
        const created = await Promise.all(
          Array.from({ length: 10 }, () => storage.create(sampleEntry({ name: 'burst' }), { onNameTaken: 'suffix' })),
        );
        expect(new Set(created.map((entry) => entry.name)).size).toBe(10);
        expect(await storage.list()).toHaveLength(10);
      });

      it('refuses an invalid record with INVALID_INPUT', async () => {
        const invalid = { sessionId: 'no-agent' } as unknown as SessionEntry;
        await expectCode(storage.create(invalid), 'INVALID_INPUT');
        expect(await storage.get('no-agent')).toBeUndefined();
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
          expect(() => {
            record.status = 'lost';
          }).toThrow(TypeError);
          expect(() => (record.tags as string[]).push('c')).toThrow(TypeError);
          expect(() => {
            (record.usage as { costUsd: number }).costUsd = 2;
          }).toThrow(TypeError);
        }
        expect(await storage.get(entry.sessionId)).toMatchObject({ status: 'running', tags: ['a'], usage: { costUsd: 1 } });
      });

      it('returns updated records frozen too, and the update result matches what is stored', async () => {
        const entry = sampleEntry({ usage: { costUsd: 1 } });
        await storage.create(entry);
        const usage = { costUsd: 3 };
        const updated = await storage.update(entry.sessionId, (current) => ({ ...current, usage }));
        usage.costUsd = 4;
        expect(Object.isFrozen(updated) && Object.isFrozen(updated.usage)).toBe(true);
        expect((await storage.get(entry.sessionId))?.usage).toEqual({ costUsd: 3 });
      });
    });

    describe('update', () => {
      it('applies the change to the latest committed record and returns it', async () => {
        const entry = sampleEntry();
        await storage.create(entry);
        await storage.update(entry.sessionId, (current) => ({ ...current, status: 'completed' }));
        const updated = await storage.update(entry.sessionId, (current) => ({ ...current, turns: current.status === 'completed' ? 2 : 0 }));
        expect(updated).toMatchObject({ status: 'completed', turns: 2 });
        expect(await storage.get(entry.sessionId)).toEqual(updated);
      });

      it('loses no concurrent update', async () => {
        const entry = sampleEntry({ turns: 0 });
        await storage.create(entry);
        await Promise.all(
          Array.from({ length: 25 }, () => storage.update(entry.sessionId, (current) => ({ ...current, turns: (current.turns ?? 0) + 1 }))),
        );
        expect((await storage.get(entry.sessionId))?.turns).toBe(25);
      });

      it('throws SESSION_NOT_FOUND for an unknown id', async () => {
        await expectCode(storage.update('missing', (current) => current), 'SESSION_NOT_FOUND');
      });

      it('refuses to change the session id', async () => {
        const entry = sampleEntry();
        await storage.create(entry);
        await expectCode(storage.update(entry.sessionId, (current) => ({ ...current, sessionId: 'other' })), 'INVALID_INPUT');
        expect(await storage.get('other')).toBeUndefined();
      });

      it('refuses a name another session holds, and frees a name that was changed', async () => {
        const first = sampleEntry({ name: 'alpha' });
        const second = sampleEntry({ name: 'beta' });
        await storage.create(first);
        await storage.create(second);
        await expectCode(storage.update(second.sessionId, (current) => ({ ...current, name: 'alpha' })), 'NAME_TAKEN');
        await storage.update(first.sessionId, (current) => ({ ...current, name: 'gamma' }));
        expect(await storage.findByName('alpha')).toBeUndefined();
        expect((await storage.findByName('gamma'))?.sessionId).toBe(first.sessionId);
        await storage.update(second.sessionId, (current) => ({ ...current, name: 'alpha' }));
        expect((await storage.findByName('alpha'))?.sessionId).toBe(second.sessionId);
      });

      it('stores nothing when the change is invalid or the function throws', async () => {
        const entry = sampleEntry();
        await storage.create(entry);
        await expectCode(storage.update(entry.sessionId, (current) => ({ ...current, agent: 42 as unknown as string })), 'INVALID_INPUT');
        await expect(
          storage.update(entry.sessionId, () => {
            throw new Error('caller failed');
          }),
        ).rejects.toThrow('caller failed');
        expect(await storage.get(entry.sessionId)).toEqual(entry);
      });

      it('gives the function a copy, so changes it makes without returning them are not stored', async () => {
        const entry = sampleEntry();
        await storage.create(entry);
        await storage.update(entry.sessionId, (current) => {
          current.status = 'failed';
          return { ...entry };
        });
        expect((await storage.get(entry.sessionId))?.status).toBe('running');
      });
    });

    describe('delete', () => {
      it('removes a session and frees its name', async () => {
        const entry = sampleEntry({ name: 'gone' });
        await storage.create(entry);
        expect(await storage.delete(entry.sessionId)).toBe(true);
        expect(await storage.get(entry.sessionId)).toBeUndefined();
        expect(await storage.findByName('gone')).toBeUndefined();
        expect(await storage.delete(entry.sessionId)).toBe(false);
        await storage.create(sampleEntry({ name: 'gone' }));
      });
    });

    describe('list', () => {
      async function seed(): Promise<SessionEntry[]> {
        const entries = [
          sampleEntry({ sessionId: 'b-old', created: '2026-01-01T00:00:00.000Z', status: 'completed', agent: 'planner' }),
          sampleEntry({ sessionId: 'a-new', created: '2026-03-01T00:00:00.000Z', status: 'running' }),
          sampleEntry({ sessionId: 'c-tie', created: '2026-02-01T00:00:00.000Z', status: 'failed' }),
          sampleEntry({ sessionId: 'b-tie', created: '2026-02-01T00:00:00.000Z', status: 'running', agent: 'planner' }),
          sampleEntry({ sessionId: 'z-undated', created: undefined, status: 'stopped' }),
        ];
        for (const entry of entries) {
          if (entry.created === undefined) delete entry.created;
          await storage.create(entry);
        }
        return entries;
      }

      it('orders newest first, ties by id, undated last', async () => {
        await seed();
        expect((await storage.list()).map((entry) => entry.sessionId)).toEqual(['a-new', 'b-tie', 'c-tie', 'b-old', 'z-undated']);
      });

      it('filters by one or many statuses, by agent, and limits', async () => {
        await seed();
        const ids = async (filter: Parameters<SessionStorage['list']>[0]) => (await storage.list(filter)).map((entry) => entry.sessionId);
        expect(await ids({ status: 'running' })).toEqual(['a-new', 'b-tie']);
        expect(await ids({ status: ['failed', 'stopped'] })).toEqual(['c-tie', 'z-undated']);
        expect(await ids({ agent: 'planner' })).toEqual(['b-tie', 'b-old']);
        expect(await ids({ agent: 'planner', status: 'completed' })).toEqual(['b-old']);
        expect(await ids({ limit: 2 })).toEqual(['a-new', 'b-tie']);
        expect(await ids({ limit: 0 })).toEqual([]);
      });

      it('lists the JSON of each summary in the order and with the filters of list', async () => {
        const entries = await seed();
        await storage.update('c-tie', (current) => ({ ...current, status: 'completed', lastAnswer: 'tab\there, newline\nthere' }));
        await storage.delete('b-old');
        const filters: Array<Parameters<SessionStorage['list']>[0]> = [
          undefined,
          { status: 'running' },
          { status: ['completed', 'stopped'] },
          { agent: 'planner' },
          { agent: entries[1]?.agent, limit: 1 },
          { limit: 0 },
        ];
        for (const filter of filters) {
          const summaries = (await storage.listSummaries(filter)).map((bytes) => JSON.parse(bytes.toString('utf8')) as unknown);
          expect(summaries).toEqual((await storage.list(filter)).map(toSessionSummary));
        }
        expect((await storage.listSummaries()).map((bytes) => (JSON.parse(bytes.toString('utf8')) as { sessionId: string }).sessionId)).toEqual([
          'a-new',
          'b-tie',
          'c-tie',
          'z-undated',
        ]);
      });
    });

    it('refuses to work after close', async () => {
      await storage.close();
      await expect(storage.get('any')).rejects.toThrow();
    });
  });
}
