import { Client } from 'pg';
import { openPostgresStorage } from '../../src/index';
import { createTestDatabase } from '../../../../tooling/postgres-database';

/** migrateSchema's advisory lock key ("geni"). */
const MIGRATION_LOCK_KEY = 0x67656e69;

describe('the schema migration lock', () => {
  it('is not needed to connect to a database whose schema is up to date: a stalled holder blocks nobody', async () => {
    const url = await createTestDatabase('schema_lock');
    const first = openPostgresStorage(url, { project: 'lock' });
    await first.list();
    await first.close();
    // Another process holds the lock and stalls (stopped, or its laptop asleep).
    const holder = new Client({ connectionString: url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const second = openPostgresStorage(url, { project: 'lock' });
    try {
      expect(await second.list()).toEqual([]);
    } finally {
      await second.close();
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });
});
