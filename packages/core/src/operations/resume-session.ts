import { isGenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';
import type { AgentDefinition } from '../agents/agent-definition';
import type { ResumeOptions, SessionView } from '../api-types';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';
import { requirePrompt } from './require-prompt';
import { startTurn } from './start-turn';
import { effectiveExecutor } from './turn-settings';

/**
 * The agent a session was started with. When its file is gone the conversation can
 * still continue on the recorded executor, without the agent's own settings.
 */
function agentOf(context: GenieContext, entry: SessionEntry): AgentDefinition {
  try {
    return context.agents().resolve(entry.agent);
  } catch (error) {
    if (!isGenieError(error, 'AGENT_NOT_FOUND') && !isGenieError(error, 'AGENT_AMBIGUOUS')) throw error;
    context.warn(`Agent "${entry.agent}" of session ${entry.sessionId} no longer exists; resuming with the recorded executor only.`);
    return {
      id: entry.agent, name: entry.agent, description: null, color: null, parent: null, hidden: false,
      disabled: false, builtin: false, file: null, settings: {}, instructions: '',
    };
  }
}

/** Continues a session's conversation with a new turn, with the executor and settings it was started with. */
export async function resumeSession(context: GenieContext, options: ResumeOptions): Promise<SessionView> {
  const prompt = requirePrompt(options.prompt);
  // A turn still running is refused (SESSION_BUSY) by the launcher, in the same locked write that claims the next one.
  const entry = await findSession(context, options.session);
  const agent = agentOf(context, entry);
  const chosen = effectiveExecutor(context.config, agent, {
    ...(entry.executor ? { executor: entry.executor } : {}),
    ...(entry.mode ? { mode: entry.mode } : {}),
    ...(typeof entry.model === 'string' ? { model: entry.model } : {}),
    ...(options.background !== undefined ? { background: options.background } : {}),
  });
  return startTurn(
    context,
    {
      sessionId: entry.sessionId,
      executor: chosen.launcherExecutor,
      prompt,
      settings: chosen.settings,
      ...(agent.instructions !== '' ? { instructions: agent.instructions } : {}),
      cwd: entry.cwd ?? context.workspace,
    },
    {
      background: chosen.background,
      ...(options.onStart ? { onStart: options.onStart } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
}
