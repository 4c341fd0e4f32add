import { reconcileAll, type LaunchContext } from '@genie/launcher';
import { ACTIVE_STATUSES, type SessionEntry, type SessionStatus } from '@genie/session-schema';

export interface Reconciliation {
  sessionId: string;
  name: string | null;
  from: SessionStatus;
  to: SessionStatus;
  /** The record as settled: on a full disk it could not be stored, and readers show it instead of the stored one. */
  entry: SessionEntry;
}

/**
 * Marks every `starting`/`running` record whose runner is gone as `lost`, and says which
 * changed. Only active records are looked at, so this stays cheap with many sessions.
 */
export async function reconcileActive(launch: LaunchContext): Promise<Reconciliation[]> {
  const active = await launch.storage.list({ status: ACTIVE_STATUSES });
  const after = await reconcileAll(launch, active);
  const changes: Reconciliation[] = [];
  after.forEach((entry, index) => {
    const before = active[index];
    if (before && entry.status !== before.status) {
      changes.push({
        sessionId: entry.sessionId,
        name: entry.name ?? null,
        from: before.status as SessionStatus,
        to: entry.status as SessionStatus,
        entry,
      });
    }
  });
  return changes;
}
