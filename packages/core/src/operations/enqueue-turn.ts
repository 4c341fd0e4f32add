import { randomUUID } from 'node:crypto';
import { GenieError, isGenieError } from '@genie/errors';
import { hasLiveRunner, sessionBusyError } from '@genie/launcher';
import type { QueuedTurn, SessionEntry } from '@genie/session-schema';
import { isTeamSessionStorage, type TeamSessionStorage } from '@genie/storage';
import type { ResumeOptions, RunOptions, SessionView } from '../api-types';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';
import { defaultSessionName } from '../sessions/session-name';
import { toSessionView } from '../sessions/session-view';
import { followQueuedTurn, type QueuedTurnCallbacks } from './follow-queued-turn';
import { newSessionEntry, resolveNewSession, sessionNameTaken } from './new-session';
import { checkBudget, remainingBudget } from './session-budget';

/** What a queued turn's job carries: the record holds the rest (agent, executor, settings, budget). */
export interface QueuedTurnData {
  sessionId: string;
  /** The whole prompt (the record keeps only its first 200 characters). */
  prompt: string;
  notify?: boolean;
}

const QUEUE_WHAT = 'Queueing a turn (storage.dispatch: queue)';

function notInQueueMode(option: string): GenieError {
  return new GenieError('INVALID_INPUT', `${option} is not available when turns are queued for workers (storage.dispatch: queue).`, {
    hint: `Leave out ${option}, or run the session on this host with storage.dispatch: here.`,
    details: { option },
  });
}

async function teamStorage(context: GenieContext): Promise<TeamSessionStorage> {
  const storage = await context.storage();
  if (!isTeamSessionStorage(storage)) {
    throw new GenieError('CONFIG_INVALID', `${QUEUE_WHAT} needs the team store (PostgreSQL); ${storage.location} is not one.`, {
      hint: 'Set storage.adapter: postgres and storage.url in .genie/config.yaml (or GENIE_DATABASE_URL).',
      details: { location: storage.location },
    });
  }
  return storage;
}

/**
 * A resume must run where the conversation is: the host that ran the session. It goes to
 * that host's queue only while a worker of that host is alive; otherwise it is refused at
 * once, naming the host, never started as a new conversation somewhere else.
 */
function hostGone(entry: SessionEntry, host: string, boundMs: number): GenieError {
  return new GenieError('HOST_GONE', `Session ${entry.name ?? entry.sessionId} belongs to host ${host}, which has no live genie worker (none renewed itself in the last ${Math.round(boundMs / 1000)} s).`, {
    hint: `Start \`genie worker\` on ${host} (its conversation and working directory are there), then resume again; or start a new session.`,
    details: { sessionId: entry.sessionId, host, boundMs },
  });
}

/** `genie run` in queue mode: the session is recorded `queued` and its first turn queued, in one transaction. */
export async function enqueueRun(context: GenieContext, options: RunOptions, prompt: string): Promise<SessionView> {
  const session = resolveNewSession(context, options);
  const { explicitName, agent } = session;
  // A worktree belongs to one checkout; the host that takes the turn is not known yet.
  if (options.worktree === true) throw notInQueueMode('--worktree');
  if (options.base !== undefined) throw notInQueueMode('--base');
  const storage = await teamStorage(context);
  const dispatch = context.teamDispatch(QUEUE_WHAT);
  const labels = agent.labels ?? [];
  const queue = dispatch.names.shared(labels);
  await dispatch.queue.ensureQueue(queue);
  const now = new Date();
  const sessionId = randomUUID();
  const queuedTurn: QueuedTurn = { jobId: randomUUID(), queue, host: null, labels, queuedAt: now.toISOString() };
  const entry: SessionEntry = {
    ...newSessionEntry(session, { sessionId, name: explicitName ?? defaultSessionName(agent.id, now), prompt, created: now, notify: options.notify }),
    status: 'queued',
    lastUsed: now.toISOString(),
    queuedTurn,
  };
  const data: QueuedTurnData = { sessionId, prompt, ...(options.notify ? { notify: true } : {}) };
  let created: SessionEntry;
  try {
    created = await storage.createWith(entry, { onNameTaken: explicitName === undefined ? 'suffix' : 'error' }, (sql) =>
      dispatch.queue.send({ id: queuedTurn.jobId, queue, data: { ...data } }, sql),
    );
  } catch (error) {
    if (!isGenieError(error, 'NAME_TAKEN') || explicitName === undefined) throw error;
    throw sessionNameTaken(explicitName, storage.location, error);
  }
  return followQueuedTurn(context, toSessionView(created, null), session.chosen.background, callbacksOf(options));
}

/** `genie resume` in queue mode: routed to the queue of the host that owns the conversation. */
export async function enqueueResume(context: GenieContext, options: ResumeOptions, prompt: string): Promise<SessionView> {
  if (options.worktree === true) throw notInQueueMode('--worktree');
  const found = await findSession(context, options.session);
  const newBudget = checkBudget(options.maxBudgetUsd);
  const maxBudgetUsd = newBudget ?? found.maxBudgetUsd;
  // Refused before anything is written: a session over its budget queues no turn.
  remainingBudget(found, maxBudgetUsd);
  const storage = await teamStorage(context);
  const dispatch = context.teamDispatch(QUEUE_WHAT);
  const leaseMs = context.leaseMs();
  // A session that never ran (stopped while queued) has no conversation yet: any worker may take it.
  const owner = (found.turns ?? 0) > 0 && found.host ? found.host : null;
  if (owner !== null && !(await dispatch.workers.hasLiveWorker(owner, leaseMs))) throw hostGone(found, owner, leaseMs);
  const labels = owner === null ? (context.agents().resolve(found.agent).labels ?? []) : [];
  const queue = owner === null ? dispatch.names.shared(labels) : dispatch.names.host(owner);
  await dispatch.queue.ensureQueue(queue);
  const now = new Date().toISOString();
  const queuedTurn: QueuedTurn = { jobId: randomUUID(), queue, host: owner, labels, queuedAt: now };
  const here = context.host();
  const queued = await storage.updateWith(
    found.sessionId,
    (current) => {
      if (current.status === 'queued' || hasLiveRunner(current, here, leaseMs)) throw sessionBusyError(current, here);
      const { stopping: _stopping, stoppedAt: _stoppedAt, ...rest } = current;
      return {
        ...rest,
        status: 'queued',
        lastUsed: now,
        lastPrompt: prompt.slice(0, 200),
        exitCode: null,
        signal: null,
        error: null,
        ...(newBudget !== undefined ? { maxBudgetUsd: newBudget } : {}),
        ...(options.notify !== undefined ? { notify: options.notify } : {}),
        queuedTurn,
      };
    },
    (sql) => {
      const data: QueuedTurnData = { sessionId: found.sessionId, prompt, ...(options.notify !== undefined ? { notify: options.notify } : {}) };
      return dispatch.queue.send({ id: queuedTurn.jobId, queue, data: { ...data } }, sql);
    },
  );
  const background = options.background ?? queued.background ?? context.config.defaults.background;
  return followQueuedTurn(context, toSessionView(queued, null), background, callbacksOf(options));
}

function callbacksOf(options: RunOptions | ResumeOptions): QueuedTurnCallbacks {
  return {
    ...(options.onStart ? { onStart: options.onStart } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
