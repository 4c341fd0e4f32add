import { MAX_HOOK_FAILURES, toSessionSummary, type HookFailure, type SessionEntry } from '@genie/session-schema';
import type { SessionStorage } from '@genie/storage';
import { SESSION_ENV_VAR } from '../process/session-marker';
import { notificationCommand } from './desktop-notifier';
import { runHook } from './run-hook';

/** What runs when a turn ends (`hooks.turnEnd` in config.yaml, `--notify`). */
export interface TurnEndHooks {
  /** Each an argv: the program and its arguments. */
  commands: string[][];
  /** How long each may run before its process group is killed. */
  timeoutMs: number;
  /** Show a desktop notification too, where the platform has a notifier. */
  notify: boolean;
  /** Where the commands run (the workspace), so a relative program path means the same for every session. */
  cwd: string;
}

export const STATUS_ENV_VAR = 'GENIE_STATUS';

function notificationText(entry: SessionEntry): { title: string; text: string } {
  const name = entry.name ?? entry.sessionId;
  const answer = (entry.lastAnswer ?? entry.error ?? '').replace(/\s+/g, ' ').trim();
  return { title: `genie: ${name} ${entry.status ?? 'ended'}`, text: answer.length > 200 ? `${answer.slice(0, 199)}…` : answer || (entry.lastPrompt ?? '') };
}

/**
 * Runs a turn's hooks once its outcome is recorded, one after another (a notifier last),
 * each with the session as JSON on stdin and GENIE_SESSION_ID / GENIE_STATUS set. A hook
 * that fails or times out is recorded in the session's `hookFailures`; nothing a hook
 * does changes the turn's outcome, and this never throws.
 */
export async function runTurnEndHooks(
  hooks: TurnEndHooks,
  ended: SessionEntry,
  turn: number,
  storage: SessionStorage,
  env: NodeJS.ProcessEnv,
): Promise<HookFailure[]> {
  const stdin = `${JSON.stringify(toSessionSummary(ended))}\n`;
  const hookEnv = { ...env, [SESSION_ENV_VAR]: ended.sessionId, [STATUS_ENV_VAR]: String(ended.status ?? '') };
  const commands = [...hooks.commands];
  if (hooks.notify) {
    const { title, text } = notificationText(ended);
    const notifier = notificationCommand(title, text, env, hooks.cwd);
    if (notifier) commands.push(notifier);
  }
  const failures: HookFailure[] = [];
  for (const argv of commands) {
    const error = await runHook({ argv, cwd: hooks.cwd, env: hookEnv, stdin, timeoutMs: hooks.timeoutMs });
    if (error !== null) failures.push({ turn, command: argv, error, time: new Date().toISOString() });
  }
  if (failures.length > 0) {
    await storage
      .update(ended.sessionId, (entry) => ({ ...entry, hookFailures: [...(entry.hookFailures ?? []), ...failures].slice(-MAX_HOOK_FAILURES) }))
      .catch(() => undefined);
  }
  return failures;
}
