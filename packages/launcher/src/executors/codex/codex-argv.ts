import { GenieError } from '@genie/errors';
import type { LaunchCommand, TurnRequest } from '../executor';

/**
 * argv of one `codex exec` turn:
 *   codex exec --json [-m M] [-s S] [-c model_reasoning_effort="E"] [--skip-git-repo-check]
 *         [extraArgs...] -- -
 *   codex exec --json [same flags] resume -- <thread_id> -
 * with the prompt on stdin (`-`): no argv limit applies to it, and codex, which reads an
 * open stdin whenever it is not a terminal, does not wait on an empty one ("Reading
 * additional input from stdin..."). codex parses argv with clap: options belong to
 * `exec`, so they go before `resume` (and are repeated on every resume, since codex does
 * not remember them). A resume never uses `--last` (racy with parallel runs).
 */
export function buildCodexCommand(request: TurnRequest): LaunchCommand {
  const { settings } = request;
  const args = ['exec', '--json'];
  if (settings.model) args.push('-m', settings.model);
  if (settings.sandbox) args.push('-s', settings.sandbox);
  if (settings.reasoningEffort) args.push('-c', `model_reasoning_effort=${JSON.stringify(settings.reasoningEffort)}`);
  // exec refuses to run outside a git repository unless told to; genie sessions may run anywhere.
  if (settings.skipGitRepoCheck !== false) args.push('--skip-git-repo-check');
  args.push(...(settings.extraArgs ?? []));
  if (request.resume) {
    args.push('resume', '--', threadIdOf(request), '-');
    return { command: settings.binary ?? 'codex', args, stdin: request.prompt };
  }
  args.push('--', '-');
  return { command: settings.binary ?? 'codex', args, stdin: withInstructionsPreamble(request.prompt, request.instructions) };
}

function threadIdOf(request: TurnRequest): string {
  if (request.executorSessionId) return request.executorSessionId;
  throw new GenieError('LAUNCH_FAILED', `Session ${request.sessionId} has no Codex thread id to resume.`, {
    hint: 'Its first turn ended before Codex reported a thread (thread.started); start a new session with `genie run`.',
    details: { sessionId: request.sessionId, executor: 'codex' },
  });
}

/**
 * Codex has no flag for a system prompt, so agent instructions travel as a clearly
 * delimited preamble of the first prompt of a thread. Later turns do not repeat it:
 * the thread keeps it.
 */
function withInstructionsPreamble(prompt: string, instructions: string | undefined): string {
  if (!instructions || instructions.trim() === '') return prompt;
  return `<instructions>\n${instructions}\n</instructions>\n\n${prompt}`;
}
