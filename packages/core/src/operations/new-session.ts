import { GenieError } from '@genie/errors';
import type { SessionEntry } from '@genie/session-schema';
import type { AgentDefinition } from '../agents/agent-definition';
import type { RunOptions } from '../api-types';
import type { GenieContext } from '../genie-context';
import { checkSessionName } from '../sessions/session-name';
import { checkBudget } from './session-budget';
import { effectiveExecutor, type EffectiveExecutor } from './turn-settings';

/** What a `run` asks for, checked and resolved the same way whether the turn starts here or is queued. */
export interface NewSession {
  /** The name the caller chose, if any (else one is generated). */
  explicitName: string | undefined;
  agent: AgentDefinition;
  chosen: EffectiveExecutor;
  maxBudgetUsd: number | undefined;
}

export function resolveNewSession(context: GenieContext, options: RunOptions): NewSession {
  const explicitName = options.name === undefined ? undefined : checkSessionName(options.name);
  const agent = context.agents().resolveRunnable(options.agent);
  const chosen = effectiveExecutor(context.config, agent, {
    ...(options.executor !== undefined ? { executor: options.executor } : {}),
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.mode !== undefined ? { mode: options.mode } : {}),
    ...(options.background !== undefined ? { background: options.background } : {}),
  });
  return { explicitName, agent, chosen, maxBudgetUsd: checkBudget(options.maxBudgetUsd) };
}

/** The fields of a new session's record that do not depend on where its first turn runs. */
export function newSessionEntry(
  session: NewSession,
  fields: { sessionId: string; name: string; prompt: string; created: Date; notify: boolean | undefined },
): SessionEntry {
  const mode = session.chosen.mode ?? 'default';
  return {
    sessionId: fields.sessionId,
    agent: session.agent.id,
    name: fields.name,
    executor: session.chosen.executor,
    executorSessionId: null,
    mode,
    preset: mode,
    ...(typeof session.chosen.settings.model === 'string' ? { model: session.chosen.settings.model } : {}),
    status: 'starting',
    background: session.chosen.background,
    created: fields.created.toISOString(),
    lastPrompt: fields.prompt.slice(0, 200),
    turns: 0,
    ...(session.maxBudgetUsd !== undefined ? { maxBudgetUsd: session.maxBudgetUsd } : {}),
    ...(fields.notify ? { notify: true } : {}),
  };
}

/** A name the caller chose is taken: said in the caller's terms (the store's error names no option). */
export function sessionNameTaken(name: string, location: string, cause: unknown): GenieError {
  return new GenieError('NAME_TAKEN', `Session name "${name}" is already taken in ${location}.`, {
    hint: 'Choose another --name, or leave it out for a generated one.',
    details: { name },
    cause,
  });
}
