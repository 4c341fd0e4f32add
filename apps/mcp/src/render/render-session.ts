import type { AgentSummary, SessionSummary, SessionView } from '@genie/core';
import { renderTurn } from './render-transcript';

/** Short text renderings for the `content` of tool results; clients read structuredContent for data. */

function sessionLabel(session: SessionSummary): string {
  return session.name ? `${session.name} (${session.sessionId})` : session.sessionId;
}

export function renderSessionLine(session: SessionSummary): string {
  const prompt = session.lastPrompt ? ` · ${truncate(oneLine(session.lastPrompt), 60)}` : '';
  return `${sessionLabel(session)} · ${session.agent} · ${session.status}${prompt}`;
}

export function renderSessionList(sessions: SessionSummary[], hasMore = false): string {
  if (sessions.length === 0) return 'No sessions match. Start one with the run tool.';
  const heading = hasMore
    ? `The ${sessions.length} newest matching sessions; older ones were left out (pass a larger limit, or status/agent, to see them):`
    : `${sessions.length} session(s), newest first:`;
  return [heading, ...sessions.map(renderSessionLine)].join('\n');
}

export function renderAgentList(agents: AgentSummary[]): string {
  if (agents.length === 0) return 'No agents in this workspace. Add one under .genie/agents/.';
  return agents
    .map((agent) => `${agent.id} · ${agent.executor}${agent.description ? ` · ${oneLine(agent.description)}` : ''}`)
    .join('\n');
}

/** Where the session works and what it may spend, for a model deciding what to do next. */
function placeAndBudget(session: SessionSummary): string[] {
  const lines: string[] = [];
  if (session.worktree) {
    const removed = session.worktree.removedAt ? ` (removed ${session.worktree.removedAt})` : '';
    lines.push(`Worktree: ${session.worktree.path} on branch ${session.worktree.branch}${removed}`);
  }
  if (session.maxBudgetUsd !== null) lines.push(`Cost: $${(session.costUsd ?? 0).toFixed(4)} of a $${session.maxBudgetUsd.toFixed(2)} budget`);
  for (const failure of session.hookFailures) lines.push(`Hook failed (turn ${failure.turn}): ${failure.command.join(' ')} ${failure.error}`);
  return lines;
}

export function renderStarted(session: SessionSummary): string {
  return [
    `Started session ${sessionLabel(session)} with agent ${session.agent} (${session.status}).`,
    ...placeAndBudget(session),
    `Call wait with sessionId "${session.name ?? session.sessionId}" for its answer (it blocks until the turn ends); do not poll view.`,
  ].join('\n');
}

const STILL_RUNNING = 'The turn is still running; call wait for its answer.';

/**
 * While a turn runs, `answer` is the previous turn's (the running one has none yet), so it
 * is labelled as such: a model must not take it for the answer to the prompt it just sent.
 */
export function renderSessionView(view: SessionView, stillRunning = STILL_RUNNING): string {
  const lines = [
    `Session ${sessionLabel(view)} · agent ${view.agent} · ${view.status} · ${view.turns} turn(s)`,
  ];
  if (view.error) lines.push(`Error: ${view.error}`);
  lines.push(...placeAndBudget(view));
  if (view.transcript) {
    for (const turn of view.transcript) lines.push('', renderTurn(turn));
    return lines.join('\n');
  }
  const running = view.status === 'queued' || view.status === 'starting' || view.status === 'running';
  if (view.lastPrompt) lines.push(`Last prompt: ${view.lastPrompt}`);
  if (view.answer) lines.push(`${running ? 'Previous turn’s answer' : 'Answer'}: ${view.answer}`);
  if (running) lines.push(stillRunning);
  return lines.join('\n');
}

export function renderWaitResult(view: SessionView & { finished: boolean }): string {
  return view.finished ? renderSessionView(view) : renderSessionView(view, 'Still running when the wait timed out; call wait again to keep waiting.');
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
