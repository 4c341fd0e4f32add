import { GenieError } from '@genie/errors';
import type { PoolClient } from 'pg';

/**
 * The database schema, as numbered steps. A step is never edited once released: a change
 * is a new step. Each runs in the same transaction as the version row that records it.
 */
export const SCHEMA_MIGRATIONS: ReadonlyArray<{ version: number; statements: readonly string[] }> = [
  {
    version: 1,
    statements: [
      // `record` is the session as JSON text (text, not jsonb: jsonb would drop a repeated
      // key and reorder the others); the other columns are copies for lookups and listing.
      `CREATE TABLE genie_sessions (
         project text NOT NULL,
         session_id text COLLATE "C" NOT NULL,
         name text COLLATE "C",
         status text,
         agent text,
         created_ms double precision,
         record text NOT NULL,
         revision bigint NOT NULL DEFAULT 1,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (project, session_id)
       )`,
      'CREATE UNIQUE INDEX genie_sessions_name ON genie_sessions (project, name) WHERE name IS NOT NULL',
      'CREATE INDEX genie_sessions_listing ON genie_sessions (project, created_ms DESC NULLS LAST, session_id)',
    ],
  },
  {
    version: 2,
    statements: [
      // A session's event log, one row per line, numbered from 0 as in the host's own file:
      // copying a line twice (a retry after a lost connection) stores it once.
      `CREATE TABLE genie_event_lines (
         project text NOT NULL,
         session_id text COLLATE "C" NOT NULL,
         line_no integer NOT NULL,
         line text NOT NULL,
         PRIMARY KEY (project, session_id, line_no)
       )`,
    ],
  },
  {
    version: 3,
    statements: [
      // What `list` shows of each session (toSessionSummary of the record, as JSON text),
      // written with the record, so a listing reads no whole record. Rows written before
      // have none (NULL) until their next write: a listing renders those from the record.
      'ALTER TABLE genie_sessions ADD COLUMN summary text',
    ],
  },
  {
    version: 4,
    statements: [
      // Each running `genie worker`, renewed while it lives: a resume routed to a host is
      // refused at once when no worker of that host renewed its row lately.
      `CREATE TABLE genie_workers (
         project text NOT NULL,
         worker_id text COLLATE "C" NOT NULL,
         host text NOT NULL,
         labels text[] NOT NULL DEFAULT '{}',
         concurrency integer NOT NULL,
         pid integer,
         started_at timestamptz NOT NULL DEFAULT now(),
         heartbeat_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (project, worker_id)
       )`,
      'CREATE INDEX genie_workers_host ON genie_workers (project, host, heartbeat_at)',
    ],
  },
];

export const SCHEMA_VERSION = SCHEMA_MIGRATIONS[SCHEMA_MIGRATIONS.length - 1]?.version ?? 0;

/** One number for every genie process migrating any database: pg_advisory_xact_lock's key. */
const MIGRATION_LOCK_KEY = 0x67656e69; // "geni"

/**
 * Brings the schema to SCHEMA_VERSION. Many processes (on many hosts) may start at once:
 * the advisory lock lets one of them migrate while the others wait, then find nothing to
 * do. A database migrated by a newer genie is refused, not changed.
 */
export async function migrateSchema(client: PoolClient, location: string): Promise<void> {
  // A schema already up to date needs no lock: every process connecting would otherwise
  // queue behind one that holds it, and one stopped while holding it (SIGSTOP, a laptop
  // put to sleep) would stop every host of the team from connecting.
  if ((await appliedVersion(client)) === SCHEMA_VERSION) return;
  await client.query('BEGIN');
  try {
    // A migrating process that stalls is ended by the server, releasing the lock for the next.
    await client.query("SET LOCAL idle_in_transaction_session_timeout = '30s'");
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS genie_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM genie_schema_migrations');
    const current = applied.rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new GenieError(
        'STORE_VERSION_UNSUPPORTED',
        `The database at ${location} has schema version ${current}; this genie knows versions up to ${SCHEMA_VERSION}.`,
        { hint: 'Upgrade genie on this host; the database was left unchanged.', details: { location, version: current, supported: SCHEMA_VERSION } },
      );
    }
    for (const migration of SCHEMA_MIGRATIONS) {
      if (migration.version <= current) continue;
      for (const statement of migration.statements) await client.query(statement);
      await client.query('INSERT INTO genie_schema_migrations (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The schema version recorded in the database, or null before the first migration. */
async function appliedVersion(client: PoolClient): Promise<number | null> {
  const table = await client.query<{ present: boolean }>("SELECT to_regclass('genie_schema_migrations') IS NOT NULL AS present");
  if (!table.rows[0]?.present) return null;
  const applied = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM genie_schema_migrations');
  return applied.rows[0]?.version ?? null;
}
