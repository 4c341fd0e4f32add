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

describe('StoreDocument splicing one session into the file it was read from', () => {
  const canonical = (store: unknown): string => `${JSON.stringify(store, null, 2)}\n`;

  it('writes exactly what a full render would, over any sequence of puts', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(entryArbitrary, { selector: (entry) => entry.sessionId, maxLength: 6 }),
        fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.jsonValue(), { maxKeys: 2 }),
        fc.array(fc.tuple(fc.nat(), entryArbitrary), { maxLength: 6 }),
        (entries, extras, puts) => {
          let expected = { ...extras, version: 2, sessions: Object.fromEntries(entries.map((entry) => [entry.sessionId, entry])) } as SessionStoreV2;
          const document = new StoreDocument(expected, Buffer.from(canonical(expected)));
          for (const [pick, generated] of puts) {
            // Half the puts change an existing session, the others add one.
            const ids = Object.keys(expected.sessions);
            const target = pick % 2 === 0 && ids.length > 0 ? (ids[pick % ids.length] as string) : generated.sessionId;
            const put = { ...generated, sessionId: target };
            expected = { ...expected, sessions: { ...expected.sessions, [target]: put } };
            const written = document.render({ put });
            expect(written.toString()).toBe(canonical(expected));
            document.apply({ put }, written);
          }
        },
      ),
    );
  });

  it('changes only that session\'s bytes: the rest of the file stays as it was', () => {
    const entries = Array.from({ length: 2000 }, (_, index) => ({ sessionId: `s-${index}`, agent: 'a', status: 'stopped', turns: 1 }) as SessionEntry);
    const store = { version: 2, sessions: Object.fromEntries(entries.map((entry) => [entry.sessionId, entry])) } as SessionStoreV2;
    // A spacing of our own outside the sessions: a full render would normalise it.
    const source = canonical(store).replace('"version": 2', '"version":  2');
    const document = new StoreDocument(store, Buffer.from(source));
    const updated = { ...entries[1000], status: 'running' } as SessionEntry;
    const written = document.render({ put: updated }).toString();
    expect(written).toBe(source.replace(/("s-1000": \{[^}]*"status": )"stopped"/, '$1"running"'));
    expect(JSON.parse(written)).toEqual({ ...store, sessions: { ...store.sessions, 's-1000': updated } });

    const added = { sessionId: 's-new', agent: 'b' } as SessionEntry;
    document.apply({ put: updated }, Buffer.from(written));
    const appended = document.render({ put: added }).toString();
    expect(appended.startsWith(written.slice(0, written.length - '\n  }\n}\n'.length))).toBe(true);
    expect(JSON.parse(appended)).toEqual({ ...store, sessions: { ...store.sessions, 's-1000': updated, 's-new': added } });
  });

  it.each([
    ['compact JSON', (store: unknown) => `${JSON.stringify(store)}\n`],
    ['four-space indentation', (store: unknown) => `${JSON.stringify(store, null, 4)}\n`],
    ['CRLF line ends', (store: unknown) => canonical(store).replace(/\n/g, '\r\n')],
  ])('renders the whole file when the source is %s (a hand-edited layout)', (_layout, format) => {
    const store = { version: 2, sessions: { a: { sessionId: 'a', agent: 'x' }, b: { sessionId: 'b', agent: 'y' } } } as unknown as SessionStoreV2;
    const document = new StoreDocument(store, Buffer.from(format(store)));
    const put = { sessionId: 'a', agent: 'x', status: 'running' } as SessionEntry;
    const added = { sessionId: 'c', agent: 'z' } as SessionEntry;
    expect(document.render({ put }).toString()).toBe(canonical({ ...store, sessions: { ...store.sessions, a: put } }));
    expect(document.render({ put: added }).toString()).toBe(canonical({ ...store, sessions: { ...store.sessions, c: added } }));
  });

  it('renders the whole file when a key is repeated, so the update is the copy JSON.parse keeps', () => {
    const entry = { sessionId: 'a', agent: 'x' } as SessionEntry;
    const rendered = canonical({ version: 2, sessions: { a: entry, b: { sessionId: 'b', agent: 'y' } } });
    const repeated = rendered.replace('"b": {', `"a": ${JSON.stringify(entry, null, 2).replace(/\n/g, '\n    ')},\n    "b": {`);
    const store = JSON.parse(repeated) as SessionStoreV2;
    const document = new StoreDocument(store, Buffer.from(repeated));
    const put = { ...entry, status: 'running' } as SessionEntry;
    expect((JSON.parse(document.render({ put }).toString()) as SessionStoreV2).sessions.a).toEqual(put);
  });

  it('renders the whole file for a session that sessions is not the last key of', () => {
    const store = { sessions: { a: { sessionId: 'a', agent: 'x' } }, version: 2 } as unknown as SessionStoreV2;
    const document = new StoreDocument(store, Buffer.from(canonical(store)));
    const added = { sessionId: 'c', agent: 'z' } as SessionEntry;
    expect(document.render({ put: added }).toString()).toBe(canonical({ ...store, sessions: { ...store.sessions, c: added } }));
  });
});
