import type { SessionSummary, SessionView, TurnView } from '@genie/core';
import type { Colors } from './colors';
import { formatBudgetUsd, formatUsage, formatUsd, indent } from './format';
import { renderEvent } from './render-event';
import { colorStatus } from './render-status';

/** How a person names a session on the command line: its friendly name, else its id. */
export function sessionHandle(session: Pick<SessionSummary, 'name' | 'sessionId'>): string {
  const handle = session.name ?? session.sessionId;
  return /^[\w./@:-]+$/.test(handle) ? handle : JSON.stringify(handle);
}

/** The first line of `run`/`resume`: which session this is, printed before anything else. */
export function renderSessionLine(session: SessionSummary, c: Colors): string {
  const name = session.name ? `${c.bold(session.name)} ` : '';
  return `${name}${c.dim(session.sessionId)}`;
}

/** Tells a background caller how to get back to the session it just started. */
export function renderBackgroundHint(session: SessionSummary, c: Colors): string {
  const handle = sessionHandle(session);
  return c.dim(
    [
      session.status === 'queued'
        ? `queued for a genie worker (${session.agent}${session.executor ? ` via ${session.executor}` : ''})`
        : `running in the background (${session.agent}${session.executor ? ` via ${session.executor}` : ''})`,
      `  genie view ${handle}            see progress and the answer`,
      `  genie view ${handle} --follow   stream it until the turn ends`,
      `  genie resume ${handle} "..."    continue the conversation`,
      `  genie stop ${handle}            stop it`,
    ].join('\n'),
  );
}

function field(label: string, value: string, c: Colors): string {
  return `${c.dim(label.padEnd(10))}${value}`;
}

function statusDetail(session: SessionSummary): string {
  const parts: string[] = [];
  if (session.exitCode !== null && session.exitCode !== undefined) parts.push(`exit ${session.exitCode}`);
  if (session.signal) parts.push(session.signal);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** `genie view`: status, last prompt, final answer, usage and cost. */
export function renderSessionView(view: SessionView, c: Colors): string {
  const lines = [renderSessionLine(view, c)];
  lines.push(field('agent', `${view.agent}${view.executor ? c.dim(` (${view.executor})`) : ''}`, c));
  lines.push(field('status', `${colorStatus(view.status, c)}${statusDetail(view)}`, c));
  lines.push(field('turns', String(view.turns), c));
  if (view.created) lines.push(field('created', view.created, c));
  if (view.lastUsed) lines.push(field('last used', view.lastUsed, c));
  if (view.executorSessionId) lines.push(field('native id', view.executorSessionId, c));
  if (view.error) lines.push(field('error', c.red(view.error), c));
  const usage = formatUsage(view.usage, view.costUsd);
  if (usage) lines.push(field('usage', usage, c));
  if (view.maxBudgetUsd !== null) lines.push(field('budget', `${formatUsd(view.costUsd ?? 0)} of ${formatBudgetUsd(view.maxBudgetUsd)}`, c));
  if (view.worktree) {
    const removed = view.worktree.removedAt ? c.dim(` (removed ${view.worktree.removedAt})`) : '';
    lines.push(field('branch', `${view.worktree.branch}${c.dim(` from ${view.worktree.base.slice(0, 12)}`)}`, c));
    lines.push(field('worktree', `${view.worktree.path}${removed}`, c));
  }
  for (const failure of view.hookFailures) {
    lines.push(field('hook', c.yellow(`turn ${failure.turn}: ${failure.command.join(' ')} ${failure.error}`), c));
  }
  if (view.logFile) lines.push(field('log', c.dim(view.logFile), c));
  if (view.cannotResume) lines.push(field('resume', c.yellow(`not possible: ${view.cannotResume}`), c));
  const prompt = view.lastTurn?.prompt ?? view.lastPrompt;
  if (prompt) lines.push('', c.bold('prompt'), indent(prompt));
  const running = view.status === 'running' || view.status === 'starting' || view.status === 'queued';
  if (running) {
    // A running turn's latest message is progress, not its answer; `answer` is then the
    // previous turn's. Each is labelled for what it is.
    const soFar = view.lastTurn && !view.lastTurn.endedAt ? view.lastTurn.answer : null;
    if (soFar) lines.push('', c.bold('so far'), indent(soFar));
    else if (view.answer) lines.push('', c.bold('previous answer'), indent(view.answer));
    // A turn that seems stuck is often an agent retrying a failing API call: say so.
    const latest = view.lastTurn && !view.lastTurn.endedAt ? view.lastTurn.events.at(-1) : undefined;
    if (latest?.kind === 'warning') lines.push('', c.yellow(`warning: ${latest.message}`));
    lines.push('', c.dim(`still ${view.status}: genie view ${sessionHandle(view)} --follow`));
  } else {
    const answer = view.lastTurn?.answer ?? view.answer;
    if (answer) lines.push('', c.bold('answer'), indent(answer));
  }
  return lines.join('\n');
}

export function renderTurn(turn: TurnView, c: Colors): string {
  const when = turn.startedAt ? ` · ${turn.startedAt}` : '';
  const lines = [c.bold(`── turn ${turn.turn} · ${colorStatus(turn.status, c)}${when}`)];
  if (turn.omittedEvents) lines.push(c.dim(`… ${turn.omittedEvents} earlier events of this turn are not shown (the event log keeps them all)`));
  for (const event of turn.events) {
    const text = renderEvent(event, c, { showPrompt: true });
    if (text !== null) lines.push(text);
  }
  if (!turn.events.some((event) => event.kind === 'prompt') && turn.prompt) {
    lines.splice(1, 0, c.cyan(`› ${turn.prompt}`));
  }
  return lines.join('\n');
}

/** `genie view --full`: the header, then every turn in order with its events. */
export function renderFullTranscript(view: SessionView, c: Colors): string {
  const header = renderSessionView({ ...view, lastTurn: null, lastPrompt: null, answer: null }, c);
  const transcript = view.transcript ?? (view.lastTurn ? [view.lastTurn] : []);
  const turns = transcript.map((turn) => renderTurn(turn, c));
  const missing = view.turns - transcript.length;
  // An empty screen would look like a session that never ran.
  const note =
    missing > 0
      ? [c.dim(`${missing === view.turns ? 'no transcript' : `no transcript for ${missing} earlier turn(s)`}: ${view.logFile ? `${view.logFile} is missing or holds no turn records` : 'this session has no log (migrated from the predecessor)'}`)]
      : [];
  return [header, ...note, ...turns].join('\n\n');
}
