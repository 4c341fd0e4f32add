import { join } from 'node:path';
import { toSessionSummary, type SessionEntry } from '@genie/session-schema';
import { sampleEntry } from '../../src/conformance';
import { openStorage } from '../../src/index';
import { loadSqliteDriver, type SqliteConnection } from '../../src/sqlite/sqlite-driver';
import { tempDir } from '../helpers/temp-dir';

/** The tables as genie wrote them at schema version 1, before the summary column. */
const VERSION_1_SCHEMA = `
CREATE TABLE sessions (session_id TEXT PRIMARY KEY NOT NULL, name TEXT, status TEXT, agent TEXT, sort_ms INTEGER NOT NULL, record TEXT NOT NULL);
CREATE INDEX sessions_by_name ON sessions (name);
CREATE INDEX sessions_newest ON sessions (sort_ms DESC, session_id);
CREATE INDEX sessions_by_status ON sessions (status, sort_ms DESC, session_id);
CREATE INDEX sessions_by_agent ON sessions (agent, sort_ms DESC, session_id);
CREATE TABLE store_notes (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
PRAGMA user_version = 1;
`;

function withDatabase<T>(file: string, use: (db: SqliteConnection) => T): T {
  const driver = loadSqliteDriver();
  if (!driver) throw new Error('no SQLite driver on this Node');
  const db = driver.open(file);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

function versionOneDatabase(entries: SessionEntry[]): string {
  const file = join(tempDir('sqlite-v1'), 'genie.db');
  withDatabase(file, (db) => {
    db.exec(VERSION_1_SCHEMA);
    const insert = db.prepare('INSERT INTO sessions (session_id, name, status, agent, sort_ms, record) VALUES (?, ?, ?, ?, ?, ?)');
    for (const entry of entries) {
      insert.run(entry.sessionId, entry.name ?? null, entry.status ?? null, entry.agent, Date.parse(entry.created ?? ''), JSON.stringify(entry));
    }
  });
  return file;
}

describe('a session database of schema version 1', () => {
  const entries = [
    sampleEntry({ created: '2026-01-01T00:00:00.000Z', status: 'completed', usage: { inputTokens: 5, costUsd: 0.125 }, turns: 2 }),
    sampleEntry({ created: '2026-02-01T00:00:00.000Z', hookFailures: [{ turn: 1, command: ['notify'], error: 'exit 1', time: '2026-02-01T00:00:01.000Z' }] }),
  ];

  it('is brought to version 2 on open: every row gets the summary a list shows, the records stay as they were', async () => {
    const file = versionOneDatabase(entries);
    const storage = await openStorage({ kind: 'sqlite', file });
    try {
      expect(await storage.listSummaries()).toEqual([toSessionSummary(entries[1] as SessionEntry), toSessionSummary(entries[0] as SessionEntry)]);
      expect(await storage.list()).toEqual([entries[1], entries[0]]);
    } finally {
      await storage.close();
    }
    withDatabase(file, (db) => {
      expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 2 });
      const rows = db.prepare('SELECT record, summary FROM sessions').all();
      for (const row of rows) expect(JSON.parse(row.summary as string)).toEqual(toSessionSummary(JSON.parse(row.record as string) as SessionEntry));
    });
  });

  it('keeps a row whose record is not JSON, without a summary, and upgrades the rest', async () => {
    const file = versionOneDatabase(entries);
    withDatabase(file, (db) => db.prepare("INSERT INTO sessions (session_id, name, status, agent, sort_ms, record) VALUES ('damaged', NULL, 'lost', 'x', 0, '{not json')").run());
    const storage = await openStorage({ kind: 'sqlite', file });
    try {
      expect((await storage.get(entries[0]?.sessionId as string))?.turns).toBe(2);
      expect(await storage.listSummaries({ status: 'completed' })).toEqual([toSessionSummary(entries[0] as SessionEntry)]);
    } finally {
      await storage.close();
    }
    withDatabase(file, (db) => expect(db.prepare("SELECT summary FROM sessions WHERE session_id = 'damaged'").get()).toEqual({ summary: null }));
  });
});

describe('a row without a summary', () => {
  it('is listed in its place, summarised from its record', async () => {
    const file = join(tempDir('sqlite-no-summary'), 'genie.db');
    const entries = [
      sampleEntry({ created: '2026-01-01T00:00:00.000Z', status: 'completed' }),
      sampleEntry({ created: '2026-02-01T00:00:00.000Z', status: 'failed', lastAnswer: 'quoted "answer" ✓' }),
      sampleEntry({ created: '2026-03-01T00:00:00.000Z', status: 'completed' }),
    ];
    const writer = await openStorage({ kind: 'sqlite', file });
    for (const entry of entries) await writer.create(entry);
    await writer.close();
    withDatabase(file, (db) => db.prepare('UPDATE sessions SET summary = NULL WHERE session_id = ?').run(entries[1]?.sessionId as string));
    const storage = await openStorage({ kind: 'sqlite', file });
    try {
      expect(await storage.listSummaries()).toEqual([entries[2], entries[1], entries[0]].map((entry) => toSessionSummary(entry as SessionEntry)));
      expect(await storage.listSummaries({ status: 'failed' })).toEqual([toSessionSummary(entries[1] as SessionEntry)]);
    } finally {
      await storage.close();
    }
  });
});
