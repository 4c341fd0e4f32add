import { toSessionSummary, type SessionEntry, type SessionSummary } from '@genie/session-schema';
import { freezeEntry } from '../entry-ownership';
import { planCreate, planUpdate, type SessionLookup } from '../session-changes';
import type { CreateOptions, SessionFilter, SessionStorage, StorageCapabilities } from '../session-storage';
import { storageClosed } from '../storage-closed';
import type { SqliteConnection, SqliteStatement, SqlValue } from './sqlite-driver';
import { INSERT_SESSION, NEWEST_FIRST, REPLACE_SESSION, sessionRow } from './sqlite-schema';
import { retryWhileBusy, type WaitOptions } from './sqlite-wait';

export type SqliteStorageOptions = Omit<WaitOptions, 'beforeAttempt'>;

function recordOf(row: Record<string, unknown> | undefined): SessionEntry | undefined {
  return row === undefined ? undefined : freezeEntry(JSON.parse(row.record as string) as SessionEntry);
}

/**
 * One row, `summaries`: the JSON array of the picked rows' summaries, in the order the
 * picking query yields them. A list of 10,000 sessions is then one string to cross into
 * JavaScript and one JSON.parse, not 10,000 row objects and parses. SQLite keeps a FROM
 * subquery's ORDER BY when the outer query aggregates with group_concat (its omit-ORDER-BY
 * optimisation drops it only under count, min and max), and walking the ordered index this
 * way costs a quarter of `group_concat(... ORDER BY ...)`, which sorts every summary again.
 * A row without a summary is given as its id (a JSON string) to be rendered from its record.
 */
function summariesAsJsonArray(rows: string): string {
  return `SELECT '[' || coalesce(group_concat(coalesce(summary, json_quote(session_id)), ','), '') || ']' AS summaries FROM (${rows})`;
}

/**
 * Sessions in one SQLite database shared by every genie process (WAL: readers never wait for
 * the writer). Each change is one short `BEGIN IMMEDIATE` transaction: the write lock is
 * taken first, the change is planned against what is committed, and it commits or leaves
 * nothing. The driver is synchronous, so a transaction never interleaves with another of
 * this process.
 */
export class SqliteStorage implements SessionStorage {
  readonly capabilities: StorageCapabilities = { crossProcess: true, persistent: true };
  private closed = false;
  private readonly statements = new Map<string, SqliteStatement>();
  private readonly lookup: SessionLookup = {
    get: (sessionId) => recordOf(this.statement('SELECT record FROM sessions WHERE session_id = ?').get(sessionId)),
    nameOwner: (name, exceptId) => {
      const row = this.statement('SELECT session_id FROM sessions WHERE name = ? AND session_id IS NOT ? LIMIT 1').get(name, exceptId ?? null);
      return row === undefined ? undefined : (row.session_id as string);
    },
  };

  constructor(
    private readonly db: SqliteConnection,
    readonly location: string,
    private readonly options: SqliteStorageOptions,
  ) {}

  get(sessionId: string): Promise<SessionEntry | undefined> {
    return this.read(() => this.lookup.get(sessionId));
  }

  findByName(name: string): Promise<SessionEntry | undefined> {
    return this.read(() => recordOf(this.statement('SELECT record FROM sessions WHERE name = ? ORDER BY rowid LIMIT 1').get(name)));
  }

  list(filter: SessionFilter = {}): Promise<SessionEntry[]> {
    return this.read(() => {
      const records: SessionEntry[] = [];
      for (const row of this.select('record', filter)) records.push(recordOf(row) as SessionEntry);
      return records;
    });
  }

  listSummaries(filter: SessionFilter = {}): Promise<SessionSummary[]> {
    return this.read(() => {
      const picked = this.picking('session_id, summary', filter);
      if (picked === undefined) return [];
      const row = this.statement(summariesAsJsonArray(picked.sql)).get(...picked.params);
      const summaries = JSON.parse(row?.summaries as string) as Array<SessionSummary | string>;
      for (let index = 0; index < summaries.length; index += 1) {
        const summary = summaries[index];
        // A row whose record was not JSON when the column was added has no summary: it is rendered as list() reads it.
        if (typeof summary === 'string') summaries[index] = toSessionSummary(this.lookup.get(summary) as SessionEntry);
      }
      return summaries as SessionSummary[];
    });
  }

  create(entry: SessionEntry, options?: CreateOptions): Promise<SessionEntry> {
    return this.write(() => {
      const stored = planCreate(this.lookup, entry, options);
      this.statement(INSERT_SESSION).run(...sessionRow(stored));
      return stored;
    });
  }

  update(sessionId: string, mutate: (current: SessionEntry) => SessionEntry): Promise<SessionEntry> {
    return this.write(() => {
      const stored = planUpdate(this.lookup, sessionId, mutate);
      const [id, ...fields] = sessionRow(stored);
      this.statement(REPLACE_SESSION).run(...fields, id as string);
      return stored;
    });
  }

  delete(sessionId: string): Promise<boolean> {
    return this.write(() => Number(this.statement('DELETE FROM sessions WHERE session_id = ?').run(sessionId).changes) > 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.db.close();
  }

  /** `columns` of the sessions the filter picks, newest first (list's orderings and filters are indexed). */
  private select(columns: string, filter: SessionFilter): Array<Record<string, unknown>> {
    const picked = this.picking(columns, filter);
    return picked === undefined ? [] : this.statement(picked.sql).all(...picked.params);
  }

  /** The query of `columns` of the sessions the filter picks, newest first; undefined when it can pick none. */
  private picking(columns: string, filter: SessionFilter): { sql: string; params: SqlValue[] } | undefined {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.status !== undefined) {
      const statuses = [filter.status].flat();
      if (statuses.length === 0) return undefined;
      where.push(`status IN (${statuses.map(() => '?').join(', ')})`);
      params.push(...statuses);
    }
    if (filter.agent !== undefined) {
      where.push('agent = ?');
      params.push(filter.agent);
    }
    if (filter.idPrefix !== undefined) {
      // A range of the primary key's index: ids are ASCII, and SQLite compares text byte by
      // byte, so every id that starts with the prefix (and no other) sorts between the prefix
      // and the prefix followed by U+FFFF.
      where.push('session_id >= ? AND session_id < ?');
      params.push(filter.idPrefix, `${filter.idPrefix}\uffff`);
    }
    let sql = `SELECT ${columns} FROM sessions${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ${NEWEST_FIRST}`;
    if (filter.limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(Math.max(0, Math.floor(filter.limit)));
    }
    return { sql, params };
  }

  private statement(sql: string): SqliteStatement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private read<T>(query: () => T): Promise<T> {
    return this.retry('read the session database', query);
  }

  private retry<T>(action: string, attempt: () => T): Promise<T> {
    return retryWhileBusy(this.location, action, attempt, {
      ...this.options,
      beforeAttempt: () => {
        if (this.closed) throw storageClosed(this.location);
      },
    });
  }

  /** One transaction: the write lock first, then the plan against committed rows, then commit or nothing. */
  private write<T>(change: () => T): Promise<T> {
    return this.retry('write the session database', () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = change();
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        try {
          this.db.exec('ROLLBACK');
        } catch {
          // A failed COMMIT or statement may have ended the transaction already.
        }
        throw error;
      }
    });
  }
}
