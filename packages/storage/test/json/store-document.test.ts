import fc from 'fast-check';
import type { SessionEntry, SessionStoreV2 } from '@genie/session-schema';
import { StoreDocument } from '../../src/json/store-document';

const entryArbitrary = fc
  .record({
    sessionId: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
    agent: fc.string(),
    extra: fc.jsonValue(),
  })
  .map((entry) => entry as SessionEntry);

describe('StoreDocument rendering', () => {
  it('matches JSON.stringify(store, null, 2) before and after changes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(entryArbitrary, { selector: (entry) => entry.sessionId, maxLength: 8 }),
        fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.jsonValue(), { maxKeys: 3 }),
        entryArbitrary,
        (entries, extras, added) => {
          const sessions = Object.fromEntries(entries.map((entry) => [entry.sessionId, entry]));
          const store = { ...extras, version: 2, sessions } as SessionStoreV2;
          const document = new StoreDocument(store);
          expect(document.render().toString()).toBe(`${JSON.stringify(store, null, 2)}\n`);

          const change = { put: added };
          const expected = { ...store, sessions: { ...sessions, [added.sessionId]: added } };
          expect(document.render(change).toString()).toBe(`${JSON.stringify(expected, null, 2)}\n`);
          document.apply(change);
          expect(document.render().toString()).toBe(`${JSON.stringify(expected, null, 2)}\n`);

          const [first] = entries;
          if (first && first.sessionId !== added.sessionId) {
            const { [first.sessionId]: _removed, ...rest } = expected.sessions;
            expect(document.render({ remove: first.sessionId }).toString()).toBe(`${JSON.stringify({ ...expected, sessions: rest }, null, 2)}\n`);
          }
        },
      ),
    );
  });
});
