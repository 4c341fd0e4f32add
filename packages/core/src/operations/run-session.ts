import { randomUUID } from 'node:crypto';
import { GenieError, isGenieError } from '@genie/errors';
import { eventLogPath } from '@genie/launcher';
import type { SessionEntry } from '@genie/session-schema';
import type { RunOptions, SessionView } from '../api-types';
import type { GenieContext } from '../genie-context';
import { removeSessionWorktree } from '../git/session-worktree';
import { defaultSessionName } from '../sessions/session-name';
import { enqueueRun } from './enqueue-turn';
import { prepareWorktree, type PreparedWorktree } from './prepare-worktree';
import { requirePrompt } from './require-prompt';
import { newSessionEntry, resolveNewSession, sessionNameTaken } from './new-session';
import { remainingBudget } from './session-budget';
import { startTurn } from './start-turn';
import { keepStateOutOfGit } from '../workspace/state-ignore';
import { turnEndHooksOf } from './turn-end-hooks';

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
  const session = resolveNewSession(context, options);
  const { explicitName, agent, maxBudgetUsd } = session;
  const useWorktree = options.worktree ?? agent.worktree ?? context.config.defaults.worktree ?? false;
  if (!useWorktree && options.base !== undefined) throw baseWithoutWorktree(options.base);
  keepStateOutOfGit(context.paths);
  const launch = await context.launchContext();
  const now = new Date();
  const sessionId = randomUUID();
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
    ...newSessionEntry(session, { sessionId, name: prepared?.name ?? name, prompt, created: now, notify: options.notify }),
    host: launch.host ?? '',
    cwd,
    logFile: eventLogPath(launch.logsDir, sessionId),
    ...(prepared ? { worktree: prepared.worktree } : {}),
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
        executor: session.chosen.launcherExecutor,
        prompt,
        settings: budget !== undefined ? { ...session.chosen.settings, maxBudgetUsd: budget } : session.chosen.settings,
        ...(agent.instructions !== '' ? { instructions: agent.instructions } : {}),
        cwd,
        ...(hooks ? { hooks } : {}),
        // Created by the launcher already claimed for its first turn, in one atomic write.
        create: { entry, options: createOptions },
      },
      {
        background: session.chosen.background,
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
    throw sessionNameTaken(explicitName, launch.storage.location, error);
  }
}
