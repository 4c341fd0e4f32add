import { GenieError } from '@genie/errors';
import type { AgentEvent } from '../../agent-event';
import { resolveExecutable } from '../../process/resolve-executable';
import type { DetectionPlace, Executor, ExecutorDetection, ExecutorSettings, LaunchCommand, TurnRequest } from '../executor';

/** Values a `command` executor's argv template may refer to as `{name}`. */
export interface TemplateValues {
  prompt: string;
  sessionId: string;
  executorSessionId: string;
  instructionsFile: string;
  cwd: string;
}

const PLACEHOLDER = /\{(prompt|sessionId|executorSessionId|instructionsFile|cwd)\}/g;

/**
 * Substitutes placeholders inside each argv element. Each element stays exactly one argv
 * entry whatever the values contain (spaces, quotes, `$`), because nothing goes through
 * a shell. Unknown `{words}` are left as written.
 */
export function expandTemplate(template: readonly string[], values: TemplateValues): string[] {
  return template.map((element) => element.replace(PLACEHOLDER, (_match, name: keyof TemplateValues) => values[name]));
}

/**
 * Runs any agent CLI or script from argv templates (`settings.runArgs`, and
 * `settings.resumeArgs` for later turns, defaulting to runArgs). `settings.binary`
 * replaces the program (element 0) and `settings.extraArgs` follow it. Every output line
 * is transcript; the exit code is the outcome. The turn's answer is the tail of its
 * stdout (the supervisor keeps the last lines).
 */
export const commandExecutor: Executor = {
  id: 'command',
  installHint: 'Check the agent\'s runArgs: their first element must be a program on PATH (or set `binary` to one).',
  // The agent's own program keeps no conversation genie knows of: every turn after the
  // first is a resume, with resumeArgs.
  nativeConversations: false,

  buildCommand(request: TurnRequest): LaunchCommand {
    const template = templateOf(request.settings, request.resume);
    const argv = expandTemplate(template, {
      prompt: request.prompt,
      sessionId: request.sessionId,
      executorSessionId: request.executorSessionId ?? '',
      instructionsFile: request.instructionsFile ?? '',
      cwd: request.cwd,
    });
    const [program, ...args] = argv as [string, ...string[]];
    const extraArgs = request.settings.extraArgs ?? [];
    return { command: request.settings.binary ?? program, args: [...extraArgs, ...args] };
  },

  parseLine(line: string, stream: 'stdout' | 'stderr'): AgentEvent[] {
    return [{ type: 'output', text: line, stream }];
  },

  async detect(settings: ExecutorSettings = {}, place: DetectionPlace = { env: process.env, cwd: process.cwd() }): Promise<ExecutorDetection> {
    const command = settings.binary ?? settings.runArgs?.[0] ?? '';
    if (!command) return { installed: false, command, error: 'No runArgs configured.' };
    const found = resolveExecutable(command, place.env, place.cwd);
    return found ? { installed: true, command, path: found } : { installed: false, command, error: `${command} was not found on PATH.` };
  },
};

function templateOf(settings: ExecutorSettings, resume: boolean): readonly string[] {
  const template = resume && isArgv(settings.resumeArgs) ? settings.resumeArgs : settings.runArgs;
  if (!isArgv(template)) {
    throw new GenieError('CONFIG_INVALID', 'The command executor needs `runArgs`: a non-empty list of argv elements.', {
      hint: 'Set runArgs under executors.command in .genie/config.yaml, e.g. runArgs: ["my-agent", "--prompt", "{prompt}"], or give the agent a custom executor defined there with its own runArgs.',
    });
  }
  return template;
}

function isArgv(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((element) => typeof element === 'string');
}
