import { GenieError, isGenieError } from '@genie/errors';
import type { TurnPlan } from '@genie/launcher';
import type { SessionEntry } from '@genie/session-schema';
import type { AgentDefinition } from '../agents/agent-definition';
import type { ResumeOptions, SessionView } from '../api-types';
import type { GenieContext } from '../genie-context';
import { findSession } from '../sessions/find-session';
import { worktreeMissing } from '../git/session-worktree';
import { enqueueResume } from './enqueue-turn';
import { requirePrompt } from './require-prompt';
import { checkBudget, remainingBudget } from './session-budget';
import { startTurn } from './start-turn';
import { turnEndHooksOf } from './turn-end-hooks';
import { effectiveExecutor } from './turn-settings';

/**
 * Claude and Codex find a conversation by the directory it ran in: a worktree session
 * continues only in its own worktree, never silently somewhere else.
 */
function assertWorktreePresent(entry: SessionEntry): void {
  const { worktree } = entry;
  if (!worktree || !worktreeMissing(worktree)) return;
  const name = entry.name ?? entry.sessionId;
  const removed = worktree.removedAt ? `was removed by \`genie clean\` at ${worktree.removedAt}` : 'no longer exists';
  throw new GenieError('WORKTREE_MISSING', `Session ${name} ran in the worktree ${worktree.path}, which ${removed}; it cannot be resumed anywhere else.`, {
    hint: 'Start a new session (genie run ... --worktree) to continue the work; its branch may still be merged or checked out by hand.',
    details: { sessionId: entry.sessionId, worktree: worktree.path, branch: worktree.branch },
  });
}

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

function worktreeMismatch(entry: SessionEntry, wanted: boolean): GenieError {
  const name = entry.name ?? entry.sessionId;
  const actual = entry.worktree ? `in its own worktree ${entry.worktree.path}` : 'in the workspace itself';
  return new GenieError('INVALID_INPUT', `Session ${name} runs ${actual}; a session's directory never changes, so it cannot continue ${wanted ? 'in a worktree' : 'outside its worktree'}.`, {
    hint: wanted ? 'Start a new session with worktree to work in a worktree.' : 'Leave out worktree to resume it where it runs.',
    details: { sessionId: entry.sessionId, worktree: entry.worktree?.path ?? null },
  });
}

/** What a next turn of `entry` runs with: its recorded executor and settings, its agent's instructions, in its directory. */
export function nextTurnPlan(
  context: GenieContext,
  entry: SessionEntry,
  prompt: string,
  options: { background?: boolean; notify?: boolean; budget?: number | undefined },
): { plan: TurnPlan; background: boolean } {
  const agent = agentOf(context, entry);
  const chosen = effectiveExecutor(context.config, agent, {
    ...(entry.executor ? { executor: entry.executor } : {}),
    ...(entry.mode ? { mode: entry.mode } : {}),
    ...(typeof entry.model === 'string' ? { model: entry.model } : {}),
    ...(options.background !== undefined ? { background: options.background } : {}),
  });
  const hooks = turnEndHooksOf(context, options.notify ?? entry.notify === true);
  const plan: TurnPlan = {
    sessionId: entry.sessionId,
    executor: chosen.launcherExecutor,
    prompt,
    settings: options.budget !== undefined ? { ...chosen.settings, maxBudgetUsd: options.budget } : chosen.settings,
    ...(agent.instructions !== '' ? { instructions: agent.instructions } : {}),
    cwd: entry.cwd ?? context.workspace,
    ...(hooks ? { hooks } : {}),
  };
  return { plan, background: chosen.background };
}

/** Continues a session's conversation with a new turn, with the executor and settings it was started with. */
export async function resumeSession(context: GenieContext, options: ResumeOptions): Promise<SessionView> {
  const prompt = requirePrompt(options.prompt);
  if (context.queueMode()) return enqueueResume(context, options, prompt);
  // A turn still running is refused (SESSION_BUSY) by the launcher, in the same locked write that claims the next one.
  const found = await findSession(context, options.session);
  if (options.worktree !== undefined && options.worktree !== Boolean(found.worktree)) throw worktreeMismatch(found, options.worktree);
  assertWorktreePresent(found);
  const newBudget = checkBudget(options.maxBudgetUsd);
  const maxBudgetUsd = newBudget ?? found.maxBudgetUsd;
  // Refused before anything is written: a session over its budget starts no turn.
  const budget = remainingBudget(found, maxBudgetUsd);
  const launch = await context.launchContext();
  const entry =
    newBudget === undefined || newBudget === found.maxBudgetUsd
      ? found
      : await launch.storage.update(found.sessionId, (current) => ({ ...current, maxBudgetUsd: newBudget }));
  const { plan, background } = nextTurnPlan(context, entry, prompt, {
    ...(options.background !== undefined ? { background: options.background } : {}),
    ...(options.notify !== undefined ? { notify: options.notify } : {}),
    budget,
  });
  return startTurn(context, plan, {
    background,
    ...(options.onStart ? { onStart: options.onStart } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
