import { GenieError } from '@genie/errors';
import { claudeExecutor } from './claude/claude-executor';
import { codexExecutor } from './codex/codex-executor';
import { commandExecutor } from './command/command-executor';
import type { Executor } from './executor';

/** Ids of the executors genie implements. */
export const EXECUTOR_IDS = ['claude', 'codex', 'command'] as const;
export type ExecutorId = (typeof EXECUTOR_IDS)[number];

const executors: Record<ExecutorId, Executor> = {
  claude: claudeExecutor,
  codex: codexExecutor,
  command: commandExecutor,
};

/** Every executor genie implements, in the order of EXECUTOR_IDS. */
export function allExecutors(): Executor[] {
  return EXECUTOR_IDS.map((id) => executors[id]);
}

export function isExecutorId(id: string): id is ExecutorId {
  return (EXECUTOR_IDS as readonly string[]).includes(id);
}

/** The executor adapter for `id`; EXECUTOR_UNKNOWN for anything else. */
export function getExecutor(id: string): Executor {
  if (!isExecutorId(id)) {
    throw new GenieError('EXECUTOR_UNKNOWN', `Executor "${id}" is unknown.`, {
      hint: `Use one of ${EXECUTOR_IDS.join(', ')}; any other agent CLI runs through "command" with runArgs.`,
      details: { executor: id, known: [...EXECUTOR_IDS] },
    });
  }
  return executors[id];
}
