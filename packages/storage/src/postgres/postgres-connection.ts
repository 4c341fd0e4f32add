import { GenieError, isGenieError } from '@genie/errors';
import type { Client, Pool, PoolClient, QueryResultRow } from 'pg';
import { storageClosed } from '../storage-closed';
import { migrateSchema } from './postgres-schema';

type Driver = typeof import('pg');

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

  constructor(
    private readonly url: string,
    private readonly poolSize: number,
  ) {
    this.location = describeDatabaseUrl(url);
  }

  async query<T extends object>(text: string, values: unknown[]): Promise<T[]> {
    const { pool } = await this.connect();
    try {
      return (await pool.query<T & QueryResultRow>(text, values)).rows;
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const { pool } = await this.connect();
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw this.translate(error);
    }
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
      throw this.translate(error);
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  /** A connection of its own, outside the pool (LISTEN holds one for as long as it listens). */
  async dedicatedClient(): Promise<Client> {
    const { driver } = await this.connect();
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
      throw this.translate(error);
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
