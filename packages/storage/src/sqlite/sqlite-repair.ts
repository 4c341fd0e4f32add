import { existsSync, renameSync } from 'node:fs';
import type { SessionEntry } from '@genie/session-schema';
import type { MaintenanceContext, StoreRepair } from '../registry/storage-adapter';
import { openSqliteStorage } from './open-sqlite-storage';
import type { SqliteDriver } from './sqlite-driver';
import { sqliteSpecFields, requireDriver, type SqliteStorageSpec } from './sqlite-spec';

/** The records still readable in a damaged database; none when even that fails. */
function salvage(driver: SqliteDriver, file: string): SessionEntry[] {
  try {
    const db = driver.open(file, { readOnly: true });
    try {
      const records: SessionEntry[] = [];
      for (const row of db.prepare('SELECT record FROM sessions').all()) {
        try {
          records.push(JSON.parse(row.record as string) as SessionEntry);
        } catch {
          // A damaged row; its session's event log may still bring it back.
        }
      }
      return records;
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

/**
 * Rebuilds a damaged database: its files are moved aside (kept, never deleted), a new one is
 * made from the records the damaged one still yields, and every session whose event log
 * exists but whose record was lost comes back, rebuilt from the log. An acknowledged session
 * whose log exists never disappears because the database was damaged.
 */
export async function repairSqliteStore(spec: SqliteStorageSpec, context: MaintenanceContext): Promise<StoreRepair> {
  const { file, lockTimeoutMs } = sqliteSpecFields(spec);
  const driver = requireDriver(file);
  const damagedCopy = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${damagedCopy}${suffix}`);
  }
  const salvaged = salvage(driver, damagedCopy);
  const known = new Set(salvaged.map((record) => record.sessionId));
  const fromLogs = (context.recordsFromLogs?.() ?? []).filter((record) => !known.has(record.sessionId));
  const storage = await openSqliteStorage(file, { driver, lockTimeoutMs });
  let restored = 0;
  try {
    for (const record of [...salvaged, ...fromLogs]) {
      try {
        await storage.create(record, { onNameTaken: 'suffix' });
        restored += 1;
      } catch {
        // A salvaged record that is no longer a valid session; its bytes stay in the damaged copy.
      }
    }
  } finally {
    await storage.close();
  }
  const restoredFrom = `${salvaged.length} records still readable in the damaged database and ${fromLogs.length} event logs`;
  return { damagedCopy, restoredFrom, sessions: restored, summary: `rebuilt from ${restoredFrom}; the damaged files are kept as ${damagedCopy}` };
}
