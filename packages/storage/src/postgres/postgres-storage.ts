import { GenieError } from '@genie/errors';
import { toSessionSummary, type SessionEntry, type SessionSummary } from '@genie/session-schema';
import type { PoolClient } from 'pg';
import { copyEntry, freezeEntry } from '../entry-ownership';
import { assertValidEntry, nameTaken, sessionNotFound } from '../session-changes';
import type { CreateOptions, SessionFilter, SessionStorage, StorageCapabilities } from '../session-storage';
import type { SqlExecutor, TeamSessionStorage } from './team-session-storage';
import { CHANGES_CHANNEL, changePayload, PostgresConnection, type Queryable } from './postgres-connection';

export interface PostgresStorageOptions {
  /**
   * Which project's sessions this storage sees: one database holds many. Workspaces that
   * are one repository (on any host) use the same project.
   */
  project?: string;
  /** Connections kept open at most (default 4). */
  poolSize?: number;
  /** How long a call keeps trying while the server is away (default 30 s); see DEFAULT_RECONNECT_MS. */
  reconnectMs?: number;
  /** Wait for the server on the first connection too; see ConnectionOptions. */
  waitForServer?: boolean;
}

export const DEFAULT_PROJECT = 'default';

const UNIQUE_VIOLATION = '23505';
const NAME_INDEX = 'genie_sessions_name';

interface Row {
  record: string;
}

function createdMs(entry: SessionEntry): number | null {
  const time = typeof entry.created === 'string' ? Date.parse(entry.created) : Number.NaN;
  return Number.isNaN(time) ? null : time;
}

function columns(entry: SessionEntry): unknown[] {
  return [
    typeof entry.name === 'string' ? entry.name : null,
    typeof entry.status === 'string' ? entry.status : null,
    typeof entry.agent === 'string' ? entry.agent : null,
    createdMs(entry),
    JSON.stringify(entry),
    JSON.stringify(toSessionSummary(entry)),
  ];
}

function parseRecord(row: Row): SessionEntry {
  return freezeEntry(JSON.parse(row.record) as SessionEntry);
}

function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === UNIQUE_VIOLATION && (constraint === undefined || pgError.constraint === constraint);
}

class PostgresStorage implements TeamSessionStorage {
  readonly capabilities: StorageCapabilities = { crossProcess: true, persistent: true };
  private readonly project: string;
  private readonly connection: PostgresConnection;

  constructor(url: string, options: PostgresStorageOptions) {
    this.project = options.project ?? DEFAULT_PROJECT;
    this.connection = new PostgresConnection(url, { ...options, poolSize: options.poolSize ?? 4 });
  }

  get location(): string {
    return this.connection.location;
  }

  async get(sessionId: string): Promise<SessionEntry | undefined> {
    const rows = await this.query<Row>('SELECT record FROM genie_sessions WHERE project = $1 AND session_id = $2', [this.project, sessionId]);
    return rows[0] && parseRecord(rows[0]);
  }

  async findByName(name: string): Promise<SessionEntry | undefined> {
    const rows = await this.query<Row>('SELECT record FROM genie_sessions WHERE project = $1 AND name = $2', [this.project, name]);
    return rows[0] && parseRecord(rows[0]);
  }

  async list(filter: SessionFilter = {}): Promise<SessionEntry[]> {
    return (await this.select<Row>('record', filter)).map(parseRecord);
  }

  async listSummaries(filter: SessionFilter = {}): Promise<SessionSummary[]> {
    // A row last written before the summary column existed is rendered from its record.
    const rows = await this.select<{ summary: string | null; record: string | null }>('summary, CASE WHEN summary IS NULL THEN record END AS record', filter);
    return rows.map((row) => (row.summary === null ? toSessionSummary(JSON.parse(row.record as string) as SessionEntry) : (JSON.parse(row.summary) as SessionSummary)));
  }

  /** `columns` of the sessions the filter picks, newest first. */
  private async select<T extends object>(columns: string, filter: SessionFilter): Promise<T[]> {
    const where = ['project = $1'];
    const values: unknown[] = [this.project];
    if (filter.status !== undefined) {
      values.push([filter.status].flat());
      where.push(`status = ANY($${values.length}::text[])`);
    }
    if (filter.agent !== undefined) {
      values.push(filter.agent);
      where.push(`agent = $${values.length}`);
    }
    if (filter.idPrefix !== undefined) {
      values.push(filter.idPrefix);
      where.push(`starts_with(session_id, $${values.length})`);
    }
    let limit = '';
    if (filter.limit !== undefined) {
      values.push(Math.max(0, filter.limit));
      limit = ` LIMIT $${values.length}`;
    }
    return this.query<T>(`SELECT ${columns} FROM genie_sessions WHERE ${where.join(' AND ')} ORDER BY created_ms DESC NULLS LAST, session_id${limit}`, values);
  }

  create(entry: SessionEntry, options: CreateOptions = {}): Promise<SessionEntry> {
    return this.createWith(entry, options);
  }

  async createWith(entry: SessionEntry, options: CreateOptions = {}, alsoInTransaction?: (sql: SqlExecutor) => Promise<void>): Promise<SessionEntry> {
    assertValidEntry(entry, 'create the session');
    const stored = copyEntry(entry);
    const landed = async (query: Queryable): Promise<boolean> => {
      const rows = await query.query('SELECT 1 FROM genie_sessions WHERE project = $1 AND session_id = $2 AND record = $3', [
        this.project,
        stored.sessionId,
        JSON.stringify(stored),
      ]);
      return (rows.rowCount ?? 0) > 0;
    };
    return this.transaction(async (client) => {
      const existing = await client.query('SELECT 1 FROM genie_sessions WHERE project = $1 AND session_id = $2', [this.project, stored.sessionId]);
      if (existing.rowCount) throw sessionExists(stored.sessionId);
      for (;;) {
        await client.query('SAVEPOINT create_session');
        try {
          await client.query(
            `INSERT INTO genie_sessions (project, session_id, name, status, agent, created_ms, record, summary)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [this.project, stored.sessionId, ...columns(stored)],
          );
          await this.announce(client, stored.sessionId);
        } catch (error) {
          await client.query('ROLLBACK TO SAVEPOINT create_session');
          if (isUniqueViolation(error, 'genie_sessions_pkey')) throw sessionExists(stored.sessionId);
          if (!isUniqueViolation(error, NAME_INDEX) || typeof stored.name !== 'string') throw error;
          if (options.onNameTaken !== 'suffix') throw nameTaken(stored.name, await this.nameOwner(client, stored.name));
          // A concurrent creator may take the suffix picked here first: the insert then fails
          // on the index again and the next free one is picked.
          stored.name = await this.freeSuffixedName(client, typeof entry.name === 'string' ? entry.name : stored.name);
          continue;
        }
        if (alsoInTransaction) await alsoInTransaction(executorOf(client));
        return freezeEntry(stored);
      }
    }, landed);
  }

  update(sessionId: string, mutate: (current: SessionEntry) => SessionEntry): Promise<SessionEntry> {
    return this.updateWith(sessionId, mutate);
  }

  async updateWith(
    sessionId: string,
    mutate: (current: SessionEntry) => SessionEntry,
    alsoInTransaction?: (sql: SqlExecutor, updated: SessionEntry) => Promise<void>,
  ): Promise<SessionEntry> {
    // What this update writes, to tell whether a COMMIT lost with its connection landed.
    let written: { revision: string; record: string } | undefined;
    const landed = async (query: Queryable): Promise<boolean> => {
      if (!written) return false;
      const rows = await query.query('SELECT 1 FROM genie_sessions WHERE project = $1 AND session_id = $2 AND revision = $3 AND record = $4', [
        this.project,
        sessionId,
        written.revision,
        written.record,
      ]);
      return (rows.rowCount ?? 0) > 0;
    };
    return this.transaction(async (client) => {
      written = undefined;
      const rows = await client.query<Row & { revision: string }>(
        'SELECT record, revision FROM genie_sessions WHERE project = $1 AND session_id = $2 FOR UPDATE',
        [this.project, sessionId],
      );
      const row = rows.rows[0];
      if (!row) throw sessionNotFound(sessionId);
      const next: unknown = mutate(JSON.parse(row.record) as SessionEntry);
      assertValidEntry(next, `update session ${sessionId}`);
      if (next.sessionId !== sessionId) {
        throw new GenieError('INVALID_INPUT', `An update cannot change a session's id (${sessionId} -> ${String(next.sessionId)}).`, {
          hint: 'Create a new session instead of renaming the id.',
          details: { sessionId },
        });
      }
      const stored = copyEntry(next);
      await client.query('SAVEPOINT update_session');
      try {
        await client.query(
          `UPDATE genie_sessions SET name = $3, status = $4, agent = $5, created_ms = $6, record = $7, summary = $8,
             revision = revision + 1, updated_at = now()
           WHERE project = $1 AND session_id = $2`,
          [this.project, sessionId, ...columns(stored)],
        );
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT update_session');
        if (isUniqueViolation(error, NAME_INDEX) && typeof stored.name === 'string') {
          throw nameTaken(stored.name, await this.nameOwner(client, stored.name));
        }
        throw error;
      }
      await this.announce(client, sessionId);
      const updated = freezeEntry(stored);
      if (alsoInTransaction) await alsoInTransaction(executorOf(client), updated);
      written = { revision: String(BigInt(row.revision) + 1n), record: JSON.stringify(stored) };
      return updated;
    }, landed);
  }

  async delete(sessionId: string): Promise<boolean> {
    const rows = await this.query('DELETE FROM genie_sessions WHERE project = $1 AND session_id = $2 RETURNING 1', [this.project, sessionId]);
    return rows.length > 0;
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  private async nameOwner(client: PoolClient, name: string): Promise<string> {
    const owner = await client.query<{ session_id: string }>('SELECT session_id FROM genie_sessions WHERE project = $1 AND name = $2', [
      this.project,
      name,
    ]);
    return owner.rows[0]?.session_id ?? 'another session';
  }

  /** First `<name>-2`, `<name>-3`, ... that no session of the project holds. */
  private async freeSuffixedName(client: PoolClient, name: string): Promise<string> {
    const prefix = `${name}-`;
    const taken = await client.query<{ name: string }>(
      'SELECT name FROM genie_sessions WHERE project = $1 AND left(name, $2) = $3',
      [this.project, prefix.length, prefix],
    );
    const names = new Set(taken.rows.map((row) => row.name));
    for (let n = 2; ; n += 1) if (!names.has(`${prefix}${n}`)) return `${prefix}${n}`;
  }

  private query<T extends object>(text: string, values: unknown[]): Promise<T[]> {
    return this.connection.query<T>(text, values);
  }

  private transaction<T>(work: (client: PoolClient) => Promise<T>, committed?: (query: Queryable) => Promise<boolean>): Promise<T> {
    return this.connection.transaction(work, committed);
  }

  /** Followers on any host (`view --follow`, `wait`) wake on this instead of polling. */
  private async announce(client: PoolClient, sessionId: string): Promise<void> {
    await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, changePayload(this.project, sessionId)]);
  }
}

/** A transaction's connection, as the queue engine runs its statements (pg-boss's `db` option). */
function executorOf(client: PoolClient): SqlExecutor {
  return { executeSql: (text, values) => client.query(text, values as unknown[]) };
}

function sessionExists(sessionId: string): GenieError {
  return new GenieError('SESSION_EXISTS', `A session with id ${sessionId} already exists.`, {
    hint: 'Use a new id for a new session, or update the existing one.',
    details: { sessionId },
  });
}

/**
 * Sessions in a PostgreSQL database shared by every host of a team. Nothing connects until
 * the first call, which loads the `pg` driver and migrates the schema (once, under an
 * advisory lock, however many processes start at once).
 */
export function openPostgresStorage(url: string, options: PostgresStorageOptions = {}): TeamSessionStorage {
  return new PostgresStorage(url, options);
}
