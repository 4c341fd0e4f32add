import type { TurnEndHooks } from '@genie/launcher';
import type { GenieContext } from '../genie-context';

/** The hooks a turn runs when it ends: the config's `hooks.turnEnd`, and a desktop notification when asked for. */
export function turnEndHooksOf(context: GenieContext, notify: boolean): TurnEndHooks | undefined {
  const { turnEnd, timeoutMs } = context.config.hooks;
  if (turnEnd.length === 0 && !notify) return undefined;
  return { commands: turnEnd.map((command) => [...command]), timeoutMs, notify, cwd: context.workspace };
}
