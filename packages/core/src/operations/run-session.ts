import { randomUUID } from 'node:crypto';
import { GenieError, isGenieError } from '@genie/errors';
import { eventLogPath } from '@genie/launcher';
import type { SessionEntry } from '@genie/session-schema';
import type { RunOptions, SessionView } from '../api-types';
import type { GenieContext } from '../genie-context';
import { checkSessionName, defaultSessionName } from '../sessions/session-name';
import { requirePrompt } from './require-prompt';
import { startTurn } from './start-turn';
import { effectiveExecutor } from './turn-settings';

/** Creates a session of an agent and starts its first turn. */
export async function runSession(context: GenieContext, options: RunOptions): Promise<SessionView> {
  const prompt = requirePrompt(options.prompt);
  const explicitName = options.name === undefined ? undefined : checkSessionName(options.name);
  const agent = context.agents().resolveRunnable(options.agent);
  const chosen = effectiveExecutor(context.config, agent, {
    ...(options.executor !== undefined ? { executor: options.executor } : {}),
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.mode !== undefined ? { mode: options.mode } : {}),
    ...(options.background !== undefined ? { background: options.background } : {}),
  });
  const launch = await context.launchContext();
  const now = new Date();
  const sessionId = randomUUID();
  const mode = chosen.mode ?? 'default';
  const entry: SessionEntry = {
    sessionId,
    agent: agent.id,
    name: explicitName ?? defaultSessionName(agent.id, now),
    executor: chosen.executor,
    executorSessionId: null,
    mode,
    preset: mode,
    ...(typeof chosen.settings.model === 'string' ? { model: chosen.settings.model } : {}),
    status: 'starting',
    background: chosen.background,
    created: now.toISOString(),
    host: launch.host ?? '',
    cwd: context.workspace,
    logFile: eventLogPath(launch.logsDir, sessionId),
    lastPrompt: prompt.slice(0, 200),
    turns: 0,
  };
  const createOptions = { onNameTaken: explicitName === undefined ? ('suffix' as const) : ('error' as const) };
  try {
    return await startTurn(
      context,
      {
        sessionId,
        executor: chosen.launcherExecutor,
        prompt,
        settings: chosen.settings,
        ...(agent.instructions !== '' ? { instructions: agent.instructions } : {}),
        cwd: context.workspace,
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
    if (!isGenieError(error, 'NAME_TAKEN') || explicitName === undefined) throw error;
    throw new GenieError('NAME_TAKEN', `Session name "${explicitName}" is already taken in ${launch.storage.location}.`, {
      hint: 'Choose another --name, or leave it out for a generated one.',
      details: { name: explicitName },
      cause: error,
    });
  }
}
