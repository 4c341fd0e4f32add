import { randomUUID } from 'node:crypto';
import { GenieError, isGenieError } from '@genie/errors';
import { heartbeatInterval, isActiveStatus, reconcileSession, startBackgroundTurn, type LaunchContext } from '@genie/launcher';
import type { SessionEntry } from '@genie/session-schema';
import { MAX_WORKER_LABELS, type QueuedTurnJob } from '@genie/storage';
import type { WorkerOptions, WorkerReport, WorkerTurn } from '../api-types';
import type { GenieContext } from '../genie-context';
import type { QueuedTurnData } from '../operations/enqueue-turn';
import { nextTurnPlan } from '../operations/resume-session';
import { remainingBudget } from '../operations/session-budget';
import { pause } from '../sessions/pause';

/** How often an idle worker looks for turns, unless told otherwise. */
export const DEFAULT_WORKER_POLL_MS = 500;
export const DEFAULT_WORKER_CONCURRENCY = 2;

/** How long the row of a worker that stopped renewing it is kept. */
const STALE_WORKER_MS = 24 * 60 * 60 * 1000;

const LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function checkWorkerOptions(options: WorkerOptions): { concurrency: number; labels: string[]; pollMs: number } {
  const concurrency = options.concurrency ?? DEFAULT_WORKER_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new GenieError('INVALID_INPUT', `--concurrency must be a whole number of turns, 1 or more, not ${String(concurrency)}.`, {
      hint: 'Pass e.g. --concurrency 4: at most that many turns of this worker run at once.',
      details: { concurrency },
    });
  }
  const labels = [...new Set(options.labels ?? [])].sort();
  const bad = labels.find((label) => !LABEL_PATTERN.test(label));
  if (bad !== undefined) {
    throw new GenieError('INVALID_INPUT', `The label "${bad}" is not one word of letters, digits, '.', '_' and '-'.`, {
      hint: 'Pass labels such as --label gpu --label linux.',
      details: { label: bad },
    });
  }
  if (labels.length > MAX_WORKER_LABELS) {
    throw new GenieError('INVALID_INPUT', `A worker takes at most ${MAX_WORKER_LABELS} labels, not ${labels.length}.`, {
      hint: 'Give the worker only the labels agents require.',
      details: { labels },
    });
  }
  const pollMs = options.pollMs ?? DEFAULT_WORKER_POLL_MS;
  return { concurrency, labels, pollMs: Math.max(50, pollMs) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `genie worker`: takes queued turns of the team database and starts each under a detached
 * supervisor exactly as `genie run --background` does here (the same launch path, so the
 * same leases, logs, hooks and reconciliation). At most `concurrency` turns of this host run
 * at once, counted from their records. A turn goes to a worker that has every label its agent
 * requires; a resume only to a worker of the host that owns the conversation.
 *
 * Resolves once `signal` aborts and the worker has let go: it takes no more jobs, finishes
 * starting any it had fetched, and removes itself from the registry. Turns already running
 * keep running under their supervisors, which hold their leases.
 */
export async function runWorker(context: GenieContext, options: WorkerOptions): Promise<WorkerReport> {
  const { concurrency, labels, pollMs } = checkWorkerOptions(options);
  const host = context.host();
  const dispatch = context.teamDispatch('genie worker', true);
  const launch = await context.launchContext();
  const leaseMs = context.leaseMs();
  const queues = dispatch.names.forWorker(host, labels);
  for (const queue of queues) await dispatch.queue.ensureQueue(queue);
  const info = { workerId: `${host}/${process.pid}/${randomUUID().slice(0, 8)}`, host, labels, concurrency, pid: process.pid };
  await dispatch.workers.heartbeat(info);
  // Workers killed outright leave their rows; a day later nobody needs them to name a host.
  await dispatch.workers.forgetStale(STALE_WORKER_MS).catch(() => undefined);
  const running = await runningOnHost(launch, host);
  options.onReady?.({ host, labels, concurrency, queues, location: dispatch.queue.location });

  let started = 0;
  let renewing = false;
  const heartbeat = setInterval(() => {
    if (renewing) return;
    renewing = true;
    dispatch.workers
      .heartbeat(info)
      .catch(() => undefined)
      .finally(() => (renewing = false));
  }, heartbeatInterval(leaseMs));

  const take = async (job: QueuedTurnJob): Promise<void> => {
    const turn = await startQueuedTurn(context, launch, job, host);
    if (turn) {
      running.set(turn.sessionId, turn.turn);
      started += 1;
      options.onTurn?.(turn);
    }
  };

  try {
    while (!options.signal?.aborted) {
      await settleEnded(launch, running);
      for (const queue of queues) {
        const free = concurrency - running.size;
        if (free <= 0 || options.signal?.aborted) break;
        // Jobs fetched are this worker's: each is started (or given back) even when a stop came meanwhile.
        const jobs = await dispatch.queue.fetch(queue, free).catch(() => []);
        for (const job of jobs) await take(job);
      }
      await pause(pollMs, options.signal);
    }
  } finally {
    clearInterval(heartbeat);
    await dispatch.workers.remove(info.workerId).catch(() => undefined);
  }
  return { host, started, stillRunning: running.size };
}

/**
 * The cap is per host: turns of this host still running when the worker starts (started by
 * a worker before a restart, under their own supervisors) take their slots until they end.
 */
async function runningOnHost(launch: LaunchContext, host: string): Promise<Map<string, number>> {
  const active = await launch.storage.list({ status: ['starting', 'running'] });
  return new Map(active.filter((entry) => entry.host === host && typeof entry.turns === 'number').map((entry) => [entry.sessionId, entry.turns as number]));
}

/** Frees the slots of turns that ended (a supervisor that died is reconciled to `lost` here, its host). */
async function settleEnded(launch: LaunchContext, running: Map<string, number>): Promise<void> {
  for (const [sessionId, turn] of running) {
    let entry: SessionEntry | undefined;
    try {
      entry = await launch.storage.get(sessionId);
      if (entry) entry = await reconcileSession(launch, entry);
    } catch {
      // The database away for a moment: the slot stays taken until the record can be read.
      continue;
    }
    if (!entry || entry.turns !== turn || !isActiveStatus(entry.status)) running.delete(sessionId);
  }
}

/**
 * Starts one queued turn, or drops its job when the turn is not to run (stopped while
 * queued, or claimed already by a job handed out twice). A failure that may pass (the
 * database away) gives the job back to the queue; one that will not (the agent missing on
 * this host, the budget spent) is recorded in the session as `failed`.
 */
async function startQueuedTurn(context: GenieContext, launch: LaunchContext, job: QueuedTurnJob, host: string): Promise<WorkerTurn | undefined> {
  const data = job.data as Partial<QueuedTurnData>;
  const sessionId = typeof data.sessionId === 'string' ? data.sessionId : '';
  const prompt = typeof data.prompt === 'string' ? data.prompt : '';
  try {
    const entry = sessionId === '' ? undefined : await launch.storage.get(sessionId);
    if (!entry || entry.status !== 'queued' || entry.queuedTurn?.jobId !== job.id) {
      await context.teamDispatch('genie worker').queue.complete(job);
      return undefined;
    }
    const { plan } = nextTurnPlan(context, entry, prompt, {
      background: true,
      ...(typeof data.notify === 'boolean' ? { notify: data.notify } : {}),
      budget: remainingBudget(entry, entry.maxBudgetUsd),
    });
    const begun = await startBackgroundTurn(launch, { ...plan, background: true, queuedJob: job.id });
    await context.teamDispatch('genie worker').queue.complete(job).catch(() => undefined);
    return { sessionId, name: begun.name ?? null, turn: begun.turns ?? 1, status: begun.status ?? 'starting' };
  } catch (error) {
    const dispatch = context.teamDispatch('genie worker');
    if (isGenieError(error, 'SESSION_BUSY')) {
      await dispatch.queue.complete(job).catch(() => undefined);
      return undefined;
    }
    if (isGenieError(error, 'STORE_IO') || isGenieError(error, 'LOCK_TIMEOUT')) {
      await dispatch.queue.fail(job, messageOf(error)).catch(() => undefined);
      return undefined;
    }
    const failed = await launch.storage
      .update(sessionId, (current) => {
        if (current.status !== 'queued' || current.queuedTurn?.jobId !== job.id) return current;
        const { queuedTurn: _queuedTurn, ...rest } = current;
        return { ...rest, status: 'failed', exitCode: null, signal: null, error: `The worker on ${host} could not start the turn: ${messageOf(error)}` };
      })
      .catch(() => undefined);
    if (failed) await dispatch.queue.complete(job).catch(() => undefined);
    else await dispatch.queue.fail(job, messageOf(error)).catch(() => undefined);
    return undefined;
  }
}
