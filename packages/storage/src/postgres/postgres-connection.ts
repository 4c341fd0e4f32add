import { GenieError, isGenieError } from '@genie/errors';
import type { Client, Pool, PoolClient, QueryResultRow } from 'pg';
import { storageClosed } from '../storage-closed';
import { migrateSchema } from './postgres-schema';

type Driver = typeof import('pg');

/** What a check of a transaction's outcome may run its query on. */
export type Queryable = Pick<Pool, 'query'>;

/** The URL without its password, for messages. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}

/** Loads the driver when the first PostgreSQL connection opens, so installs without it stay light. */
async function loadDriver(): Promise<Driver> {
  try {
    const loaded = (await import('pg')) as Driver & { default?: Driver };
    return loaded.default ?? loaded;
  } catch (error) {
    throw new GenieError('CONFIG_INVALID', 'The postgres storage adapter needs the `pg` package, which is not installed.', {
      hint: 'Install it beside genie (npm install pg), or choose another storage adapter.',
      details: { cause: error instanceof Error ? error.message : String(error) },
    });
  }
}

/**
 * How long a call keeps trying while the server cannot be reached (restarting, failing
 * over, the network down for a moment) before it fails with STORE_IO. The first connection
 * of a process is not retried, unless `waitForServer` says the server was there moments
 * ago: a wrong URL or a server that is not there is reported at once.
 */
export const DEFAULT_RECONNECT_MS = 30_000;

export interface ConnectionOptions {
  /** Connections kept open at most. */
  poolSize: number;
  /** How long a call keeps trying while the server is away (default DEFAULT_RECONNECT_MS). */
  reconnectMs?: number;
  /**
   * Wait out an unreachable server on the first connection too, as on every later one: for
   * a process started by one that just used the database (a turn's supervisor), to which a
   * server away at start is a restart, not a wrong address.
   */
  waitForServer?: boolean;
}

/** Errors after which nothing was done and the same call may simply be made again. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006'].includes(code)) {
    return true;
  }
  return (
    error instanceof Error &&
    /Connection terminated|terminating connection|connection error and is not queryable|the database system is (starting up|shutting down)/i.test(error.message)
  );
}

/** The notification channel every change of a session record or event log is announced on. */
export const CHANGES_CHANNEL = 'genie_changes';

/** The payload announcing a change of one session: `<project>\t<sessionId>`. */
export function changePayload(project: string, sessionId: string): string {
  return `${project}\t${sessionId}`;
}

/**
 * A pool of connections to one database, opened on first use (which loads the driver and
 * migrates the schema), whose failures are GenieErrors that say where.
 */
export class PostgresConnection {
  readonly location: string;
  private pool: Promise<{ driver: Driver; pool: Pool }> | undefined;
  private closed = false;
  private readonly poolSize: number;
  private readonly reconnectMs: number;
  private readonly waitForServer: boolean;

  constructor(
    private readonly url: string,
    options: ConnectionOptions,
  ) {
    this.location = describeDatabaseUrl(url);
    this.poolSize = options.poolSize;
    this.reconnectMs = options.reconnectMs ?? DEFAULT_RECONNECT_MS;
    this.waitForServer = options.waitForServer ?? false;
  }

  async query<T extends object>(text: string, values: unknown[]): Promise<T[]> {
    return this.retrying(async () => {
      const { pool } = await this.connect();
      return (await pool.query<T & QueryResultRow>(text, values)).rows;
    });
  }

  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * A transaction cut short by a lost connection is run again: the server rolled it back.
   * When the connection is lost during the COMMIT itself, the transaction may or may not
   * have been committed: `committed` (run on a new connection) tells which, and a
   * transaction that was not is run again; without it, that fails with STORE_IO.
   */
  async transaction<T>(work: (client: PoolClient) => Promise<T>, committed?: (query: Queryable) => Promise<boolean>): Promise<T> {
    for (;;) {
      const outcome = await this.retrying(() => this.attemptTransaction(work));
      if (!('unknown' in outcome)) return outcome.result;
      if (!committed) throw this.translate(outcome.unknown);
      const landed = await this.retrying(async () => {
        const { pool } = await this.connect();
        return committed(pool);
      });
      if (landed) return outcome.result;
    }
  }

  private async attemptTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<{ result: T } | { result: T; unknown: unknown }> {
    const { pool } = await this.connect();
    const client = await pool.connect();
    // A connection the server ends while it is checked out reports it here, as well as to
    // the query under way; unheard, the event would end the process.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let broken: unknown;
    let result: T | undefined;
    let committing = false;
    try {
      await client.query('BEGIN');
      result = await work(client);
      committing = true;
      await client.query('COMMIT');
      return { result };
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
      // "Not queryable": the connection had died before the COMMIT was sent.
      const sent = !(error instanceof Error && /not queryable/i.test(error.message));
      if (committing && sent && isTransient(error)) return { result: result as T, unknown: error };
      throw error;
    } finally {
      client.off('error', ignore);
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  /** Calls `attempt` again while it fails for want of a server, up to reconnectMs; other failures pass. */
  private async retrying<T>(attempt: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.reconnectMs;
    for (let delay = 50; ; delay = Math.min(delay * 2, 1_000)) {
      try {
        return await attempt();
      } catch (error) {
        if (!isTransient(error) || isGenieError(error) || Date.now() + delay > deadline) throw this.translate(error);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /**
   * One statement as given, neither retried nor translated, on this pool (whose connections
   * never end the process with an error event): for a library that runs its own SQL and
   * reads the driver's errors itself (pg-boss's `db`).
   */
  async execute(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    const { pool } = await this.connect();
    return pool.query(text, values);
  }

  /** A connection of its own, outside the pool (LISTEN holds one for as long as it listens). */
  async dedicatedClient(): Promise<Client> {
    const { driver } = await this.connect().catch((error: unknown) => Promise.reject(this.translate(error)));
    const client = new driver.Client({ connectionString: this.url });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw this.translate(error);
    }
    return client;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await pool.then((opened) => opened.pool.end()).catch(() => undefined);
  }

  private connect(): Promise<{ driver: Driver; pool: Pool }> {
    if (this.closed) return Promise.reject(storageClosed(this.location));
    this.pool ??= this.openPool();
    return this.pool;
  }

  private async openPool(): Promise<{ driver: Driver; pool: Pool }> {
    const driver = await loadDriver();
    const pool = new driver.Pool({ connectionString: this.url, max: this.poolSize });
    // An idle connection that the server drops (restart, network cut) is an 'error' event on
    // the pool; unhandled, it would end the process. The next query opens a new one.
    pool.on('error', () => undefined);
    // So is one on a connection in use: pg-pool listens to a checked-out connection for one
    // error at most, and a server shutting down can send more (a FATAL, then the socket's
    // end). The call in progress fails with the first; later ones must not end the process.
    pool.on('connect', (client) => client.on('error', () => undefined));
    try {
      const client = await pool.connect();
      try {
        await migrateSchema(client, this.location);
      } finally {
        client.release();
      }
    } catch (error) {
      this.pool = undefined;
      await pool.end().catch(() => undefined);
      // Left untranslated, a lost connection is retried like any other (see retrying).
      throw this.waitForServer ? error : this.translate(error);
    }
    return { driver, pool };
  }

  /** GenieErrors and the caller's own errors pass; the driver's become STORE_IO that say where. */
  translate(error: unknown): unknown {
    if (isGenieError(error)) return error;
    const driverError = error as { code?: string; message?: string };
    const fromDriver =
      typeof driverError?.code === 'string' && (/^[0-9A-Z]{5}$/.test(driverError.code) || /^E[A-Z]+$/.test(driverError.code));
    const lostConnection =
      error instanceof Error && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
    if (!fromDriver && !lostConnection) return error;
    return new GenieError('STORE_IO', `PostgreSQL at ${this.location} failed: ${driverError.message ?? String(error)}.`, {
      hint: 'Check that the server is running and reachable from this host, and the storage URL (storage.url in config.yaml, or GENIE_DATABASE_URL).',
      details: { location: this.location, code: driverError.code },
      cause: error,
    });
  }
}
