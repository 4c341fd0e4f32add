import { openTeamEventLog, type StorageSpec, type TeamEventLog, type TeamEventLogOptions } from '@genie/storage';

/**
 * The team database's change notifications (LISTEN/NOTIFY on session records and logs),
 * for a store shared by hosts; none for a store of this host alone. Opening connects
 * nothing: the first wait does. A running turn opens it with `waitForServer`: the
 * database was there when the turn was claimed.
 */
export function teamChangesFor(storage: StorageSpec, options: TeamEventLogOptions = {}): TeamEventLog | undefined {
  if (storage.kind !== 'postgres' || typeof storage.url !== 'string') return undefined;
  return openTeamEventLog(storage.url, typeof storage.project === 'string' ? storage.project : undefined, options);
}
