import type { TurnStartRecord } from '../event-log-record';
import type { LaunchCommand } from '../executors/executor';
import type { TurnSpec } from '../supervisor/turn-spec';

/** The `turn.start` of a turn: its full prompt, and the argv it runs with the instructions text elided. */
export function turnStartRecord(spec: TurnSpec, command: LaunchCommand): TurnStartRecord {
  const argv = [command.command, ...command.args].map((arg) => (spec.instructions && arg === spec.instructions ? '<instructions>' : arg));
  return {
    time: new Date().toISOString(),
    turn: spec.turn,
    stream: 'meta',
    type: 'turn.start',
    prompt: spec.prompt,
    executor: spec.executor,
    ...(spec.agent ? { agent: spec.agent } : {}),
    ...(spec.name ? { name: spec.name } : {}),
    cwd: spec.cwd,
    resume: spec.resume,
    command: argv,
  };
}
