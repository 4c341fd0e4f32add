import type { SessionEntry } from '@genie/session-schema';
import { graceOf, hostOf } from '../launch/context-defaults';
import type { LaunchContext } from '../launch/launch-context';
import { isActiveStatus, isStopping } from '../launch/session-busy';
import { teamChangesFor } from '../lease/team-changes';
import { heartbeatInterval, leaseExpired } from '../lease/turn-lease';
import { reconcileSession } from '../reconcile/reconcile-session';
import { stopRequestOf, type StopRequest } from './stop-request';
import { stoppedTurnAsLastSeen } from './stopped-turn';

export interface RemoteStopOptions {
  /** Told, now and then, what the stop is waiting for (the CLI prints it on stderr). */
  onWaiting?: (message: string) => void;
}

/** The first word on what the stop waits for comes after this long; later ones this far apart. */
const FIRST_NOTICE_MS = 1_000;
const NOTICE_EVERY_MS = 5_000;
/** Beyond the owner's grace period and a lease: time for it to find the request and record the end. */
const CONFIRM_SLACK_MS = 30_000;

/**
 * Stops a turn that runs on another host of a team. The stop is recorded first, in the
 * same write that makes the session `stopped` (and `stopping`, which keeps it busy for
 * resumes): a `stopRequest` naming the turn, which the supervisor on the owning host finds
 * by LISTEN/NOTIFY or at its next lease renewal, and answers by ending the turn's whole
 * process tree with its own containment and recording the end. This waits, bounded, for
 * that end, and resolves with the record:
 * - the owner ended the turn: `stopped`, as a stop on that host would leave it (also when
 *   a resume claimed the next turn at once: see stoppedTurnAsLastSeen);
 * - the owner's lease ran out first (the host died, or is cut off): `lost`, as the lease
 *   rules say, naming the host; the request stays in the record, so a host that comes back
 *   still ends the turn;
 * - the owner renews its lease but has not confirmed after its grace period, a lease and
 *   some slack: the record as it stands (`stopped`, still `stopping`), with a notice.
 * A turn whose lease ran out before the stop is `lost` already, and left so.
 */
export async function stopOnOwningHost(
  ctx: LaunchContext,
  entry: SessionEntry,
  leaseMs: number,
  options: RemoteStopOptions = {},
): Promise<SessionEntry> {
  const settled = await reconcileSession(ctx, entry);
  if (!isActiveStatus(settled.status) && !isStopping(settled)) return settled;
  const turn = settled.turns;
  if (typeof turn !== 'number') return settled;

  const changes = teamChangesFor(ctx.storageSpec);
  try {
    // Listening starts before the request is written, so the owner's answer cannot be missed.
    await changes?.listen().catch(() => undefined);
    const request: StopRequest = { turn, host: hostOf(ctx), at: new Date().toISOString() };
    let current = await ctx.storage.update(settled.sessionId, (latest) =>
      latest.turns === turn && isActiveStatus(latest.status)
        ? { ...latest, status: 'stopped', stoppedAt: request.at, error: null, stopping: true, stopRequest: request }
        : latest,
    );
    const owner = settled.host ?? 'its host';
    const started = Date.now();
    const deadline = started + graceOf(ctx) + leaseMs + CONFIRM_SLACK_MS;
    let nextNotice = started + FIRST_NOTICE_MS;
    let lastOfTurn = current;
    for (;;) {
      if (current.turns !== turn) return isStopping(lastOfTurn) ? stoppedTurnAsLastSeen(lastOfTurn) : lastOfTurn;
      lastOfTurn = current;
      if (!isStopping(current)) return current;
      if (leaseExpired(current, leaseMs)) return await giveUpOnOwner(ctx, current, turn, leaseMs);
      const now = Date.now();
      if (now >= deadline) {
        options.onWaiting?.(
          `Host ${owner} renews the turn's lease but has not confirmed the stop yet; the stop is recorded, and its supervisor ends the turn when it reads it. ` +
            'Check with `genie view`.',
        );
        return current;
      }
      if (now >= nextNotice) {
        const since = stopRequestOf(current)?.at ?? request.at;
        options.onWaiting?.(`Waiting for host ${owner} to end the turn of session ${current.name ?? current.sessionId} (stop asked at ${since})...`);
        nextNotice = now + NOTICE_EVERY_MS;
      }
      const wait = Math.min(heartbeatInterval(leaseMs), Math.max(100, nextNotice - now), Math.max(100, deadline - now));
      if (changes) await changes.waitForChange(current.sessionId, wait);
      else await new Promise((resolve) => setTimeout(resolve, wait));
      current = (await ctx.storage.get(current.sessionId)) ?? current;
    }
  } finally {
    await changes?.close().catch(() => undefined);
  }
}

/** The owner stopped renewing before it confirmed: the turn is `lost` to every host, the request kept for its return. */
async function giveUpOnOwner(ctx: LaunchContext, entry: SessionEntry, turn: number, leaseMs: number): Promise<SessionEntry> {
  return ctx.storage.update(entry.sessionId, (latest) => {
    if (latest.turns !== turn || !isStopping(latest) || !leaseExpired(latest, leaseMs)) return latest;
    const { stopping: _stopping, ...rest } = latest;
    return {
      ...rest,
      status: 'lost',
      error:
        `Its host ${latest.host ?? 'unknown'} stopped renewing the turn's lease (last renewed ${String(latest.heartbeatAt)}) before it ` +
        'confirmed the stop: the host is down or cut off. The stop stays recorded, so if the host comes back, its supervisor ends the turn.',
    };
  });
}
