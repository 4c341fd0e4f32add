import type { LaunchCommand, TurnRequest } from '../executor';

/**
 * Names of `claude` subcommands. The CLI parses argv with commander, which dispatches a
 * first operand equal to a subcommand name to that subcommand even after `--`; a prompt
 * that is exactly such a word would run `claude update` instead of a turn.
 */
const SUBCOMMAND_LIKE = /^[\w-]+$/;

/**
 * Prompts up to this many bytes stay in argv, where `ps` and the event log's command show
 * them; larger ones go on stdin, as Linux refuses an argv string over 128 KiB (E2BIG).
 */
export const ARGV_PROMPT_MAX_BYTES = 32 * 1024;

/** claude refuses any other `--session-id` ("Invalid session ID. Must be a valid UUID."). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * argv of one print-mode turn:
 *   claude -p --verbose --output-format stream-json [--session-id <id> | --resume <id>]
 *          [--model M] [--permission-mode P] [--allowedTools a,b] [--disallowedTools x]
 *          [--max-budget-usd N] [--append-system-prompt <instructions>] [extraArgs...] -- <prompt>
 * A prompt over ARGV_PROMPT_MAX_BYTES is written to stdin instead (`claude -p` reads it
 * there when no prompt argument is given). The prompt follows `--`: commander then takes it as an operand even when it starts
 * with `-`, and it cannot be swallowed by a variadic option such as `--allowedTools`.
 * Instructions go with every turn because claude does not keep a system prompt in the
 * conversation it resumes. A resume never uses `--continue` (racy with parallel runs).
 */
export function buildClaudeCommand(request: TurnRequest): LaunchCommand {
  const { settings } = request;
  const args = ['-p', '--verbose', '--output-format', 'stream-json'];
  args.push(...conversationArgs(request));
  if (settings.model) args.push('--model', settings.model);
  if (settings.permissionMode) args.push('--permission-mode', settings.permissionMode);
  if (settings.allowedTools?.length) args.push('--allowedTools', settings.allowedTools.join(','));
  if (settings.disallowedTools?.length) args.push('--disallowedTools', settings.disallowedTools.join(','));
  if (typeof settings.maxBudgetUsd === 'number') args.push('--max-budget-usd', String(settings.maxBudgetUsd));
  if (request.instructions) args.push('--append-system-prompt', request.instructions);
  args.push(...(settings.extraArgs ?? []));
  const command = settings.binary ?? 'claude';
  if (Buffer.byteLength(request.prompt) > ARGV_PROMPT_MAX_BYTES) return { command, args, stdin: request.prompt };
  args.push('--', protectPrompt(request.prompt));
  return { command, args };
}

/**
 * Which conversation the turn continues: the one claude reported, else a new one under
 * our id. Sessions migrated from the predecessor have ids like `abc-123` or
 * `legacy-qa-<hash>`; they start a new conversation under an id claude picks, which the
 * supervisor records from `system/init` so the next turn resumes it.
 */
function conversationArgs(request: TurnRequest): string[] {
  if (request.resume && request.executorSessionId) return ['--resume', request.executorSessionId];
  if (!UUID.test(request.sessionId)) return [];
  return request.resume ? ['--resume', request.sessionId] : ['--session-id', request.sessionId];
}

/** A one-word prompt gets a trailing newline so it can never name a subcommand. */
function protectPrompt(prompt: string): string {
  return SUBCOMMAND_LIKE.test(prompt) ? `${prompt}\n` : prompt;
}
