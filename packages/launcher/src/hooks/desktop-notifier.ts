import { resolveExecutable } from '../process/resolve-executable';

/**
 * The argv that shows a desktop notification on this machine, or null where there is no
 * notifier: notify-send (Linux desktops), else osascript (macOS). Title and text are
 * arguments, never spliced into a script.
 */
export function notificationCommand(title: string, text: string, env: NodeJS.ProcessEnv, cwd: string): string[] | null {
  const notifySend = resolveExecutable('notify-send', env, cwd);
  if (notifySend) return [notifySend, '--app-name=genie', title, text];
  const osascript = resolveExecutable('osascript', env, cwd);
  if (osascript) {
    return [
      osascript,
      '-e', 'on run argv',
      '-e', 'display notification (item 2 of argv) with title (item 1 of argv)',
      '-e', 'end run',
      title,
      text,
    ];
  }
  return null;
}
