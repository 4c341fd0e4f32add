import { GenieError } from '@genie/errors';
import type { AgentEvent } from '../../agent-event';
import { resolveExecutable } from '../../process/resolve-executable';
import type { Executor, ExecutorDetection, ExecutorSettings, LaunchCommand, TurnRequest } from '../executor';
import { expandTemplate } from './expand-template';

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

  async detect(settings: ExecutorSettings = {}): Promise<ExecutorDetection> {
    const command = settings.binary ?? settings.runArgs?.[0] ?? '';
    if (!command) return { installed: false, command, error: 'No runArgs configured.' };
    const found = resolveExecutable(command, process.env, process.cwd());
    return found ? { installed: true, command, path: found } : { installed: false, command, error: `${command} was not found on PATH.` };
  },
};

function templateOf(settings: ExecutorSettings, resume: boolean): readonly string[] {
  const template = resume && isArgv(settings.resumeArgs) ? settings.resumeArgs : settings.runArgs;
  if (!isArgv(template)) {
    throw new GenieError('CONFIG_INVALID', 'The command executor needs `runArgs`: a non-empty list of argv elements.', {
      hint: 'Set runArgs for this agent, e.g. runArgs: ["my-agent", "--prompt", "{prompt}"].',
    });
  }
  return template;
}

function isArgv(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((element) => typeof element === 'string');
}
