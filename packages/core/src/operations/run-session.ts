import { randomUUID } from 'node:crypto';
import { GenieError, isGenieError } from '@genie/errors';
import { eventLogPath } from '@genie/launcher';
import type { SessionEntry } from '@genie/session-schema';
import type { RunOptions, SessionView } from '../api-types';
import type { GenieContext } from '../genie-context';
import { removeSessionWorktree } from '../git/session-worktree';
import { checkSessionName, defaultSessionName } from '../sessions/session-name';
import { enqueueRun } from './enqueue-turn';
import { prepareWorktree, type PreparedWorktree } from './prepare-worktree';
import { requirePrompt } from './require-prompt';
import { checkBudget, remainingBudget } from './session-budget';
import { startTurn } from './start-turn';
import { turnEndHooksOf } from './turn-end-hooks';
import { effectiveExecutor } from './turn-settings';

function baseWithoutWorktree(base: string): GenieError {
  return new GenieError('INVALID_INPUT', `--base ${base} only applies to a session in its own worktree.`, {
    hint: 'Add --worktree, or leave out --base.',
    details: { base },
  });
}

/** Creates a session of an agent and starts its first turn. */
export async function runSession(context: GenieContext, options: RunOptions): Promise<SessionView> {
  const prompt = requirePrompt(options.prompt);
  if (context.queueMode()) return enqueueRun(context, options, prompt);
  const explicitName = options.name === undefined ? undefined : checkSessionName(options.name);
  const agent = context.agents().resolveRunnable(options.agent);
  const chosen = effectiveExecutor(context.config, agent, {
    ...(options.executor !== undefined ? { executor: options.executor } : {}),
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.mode !== undefined ? { mode: options.mode } : {}),
    ...(options.background !== undefined ? { background: options.background } : {}),
  });
  const maxBudgetUsd = checkBudget(options.maxBudgetUsd);
  const useWorktree = options.worktree ?? agent.worktree ?? context.config.defaults.worktree ?? false;
  if (!useWorktree && options.base !== undefined) throw baseWithoutWorktree(options.base);
  const launch = await context.launchContext();
  const now = new Date();
  const sessionId = randomUUID();
  const mode = chosen.mode ?? 'default';
  const name = explicitName ?? defaultSessionName(agent.id, now);
  const prepared: PreparedWorktree | undefined = useWorktree
    ? await prepareWorktree(context, launch.storage, {
        name,
        explicit: explicitName !== undefined,
        ...(options.base !== undefined ? { baseRef: options.base } : {}),
      })
    : undefined;
  const cwd = prepared?.cwd ?? context.workspace;
  const entry: SessionEntry = {
    sessionId,
    agent: agent.id,
    name: prepared?.name ?? name,
    executor: chosen.executor,
    executorSessionId: null,
    mode,
    preset: mode,
    ...(typeof chosen.settings.model === 'string' ? { model: chosen.settings.model } : {}),
    status: 'starting',
    background: chosen.background,
    created: now.toISOString(),
    host: launch.host ?? '',
    cwd,
    logFile: eventLogPath(launch.logsDir, sessionId),
    lastPrompt: prompt.slice(0, 200),
    turns: 0,
    ...(prepared ? { worktree: prepared.worktree } : {}),
    ...(maxBudgetUsd !== undefined ? { maxBudgetUsd } : {}),
    ...(options.notify ? { notify: true } : {}),
  };
  // A worktree session's name is its branch's: the store must not pick another.
  const createOptions = { onNameTaken: explicitName === undefined && !prepared ? ('suffix' as const) : ('error' as const) };
  const budget = remainingBudget(entry, maxBudgetUsd);
  const hooks = turnEndHooksOf(context, options.notify === true);
  try {
    return await startTurn(
      context,
      {
        sessionId,
        executor: chosen.launcherExecutor,
        prompt,
        settings: budget !== undefined ? { ...chosen.settings, maxBudgetUsd: budget } : chosen.settings,
        ...(agent.instructions !== '' ? { instructions: agent.instructions } : {}),
        cwd,
        ...(hooks ? { hooks } : {}),
        // Created by the launcher already claimed for its first turn, in one atomic write.
        create: { entry, options: createOptions },
      },
      {
        background: chosen.background,
        ...(options.onStart ? { onStart: options.onStart } : {}),
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
  } catch (error) {
    // Refused means nothing happened: a worktree made for a session that was never recorded goes again.
    if (prepared && !(await launch.storage.get(sessionId).catch(() => undefined))) {
      await removeSessionWorktree(prepared.worktree, true).catch(() => undefined);
    }
    if (!isGenieError(error, 'NAME_TAKEN') || explicitName === undefined) throw error;
    throw new GenieError('NAME_TAKEN', `Session name "${explicitName}" is already taken in ${launch.storage.location}.`, {
      hint: 'Choose another --name, or leave it out for a generated one.',
      details: { name: explicitName },
      cause: error,
    });
  }
}
