import type { LaunchCommand } from '../executors/executor';
import { createTurnCgroup, ownCgroupDir, sweepEmptyTurnCgroups } from './cgroup-v2';
import { CONTAINMENT_ENV_VAR, CONTAINMENT_KINDS, type ContainmentKind, type TurnContainment } from './containment-kind';
import { forcedContainment, probe, unavailableProblem, unshareArgs, type ContainmentOption } from './detect-containment';
import { SUBREAPER_SCRIPT } from './subreaper-script';

export interface PreparedContainment {
  containment: TurnContainment;
  /** The command that runs the agent inside the containment; its pid is the agent's (or the wrapper's). */
  wrap: (command: LaunchCommand) => LaunchCommand;
}

/**
 * Gives one turn the strongest containment available (or the one GENIE_CONTAINMENT
 * forces): creates its cgroup, or picks the wrapper that puts the agent in a PID
 * namespace or under a subreaper. A forced kind this machine lacks is an error, not a
 * silent downgrade.
 */
export function prepareTurnContainment(turnId: string, env: NodeJS.ProcessEnv): PreparedContainment | { error: string } {
  const forced = forcedContainment(env);
  if (forced === 'invalid') return { error: `${CONTAINMENT_ENV_VAR}=${env[CONTAINMENT_ENV_VAR]} is not one of auto, ${CONTAINMENT_KINDS.join(', ')}.` };
  const kinds: readonly ContainmentKind[] = forced ? [forced] : CONTAINMENT_KINDS;
  let lastMiss: ContainmentOption | undefined;
  for (const kind of kinds) {
    const prepared = prepare(kind, turnId, env);
    if ('wrap' in prepared) return prepared;
    lastMiss = prepared;
  }
  return { error: unavailableProblem(lastMiss as ContainmentOption) };
}

function prepare(kind: ContainmentKind, turnId: string, env: NodeJS.ProcessEnv): PreparedContainment | ContainmentOption {
  if (kind === 'cgroup') return prepareCgroup(turnId);
  if (kind === 'process-group') return { containment: { kind }, wrap: (command) => command };
  const option = probe(kind, env);
  if (!option.available) return option;
  const program = option.detail;
  const prefix = kind === 'pid-namespace' ? [...unshareArgs(), '--'] : ['-e', SUBREAPER_SCRIPT, '--'];
  return {
    containment: { kind },
    wrap: (command) => ({ ...command, command: program, args: [...prefix, command.command, ...command.args] }),
  };
}

/**
 * The agent's shell writes its own pid into the turn's cgroup and then becomes the agent
 * (exec keeps the pid), so the agent and everything it ever starts are members from the
 * first instruction on: no fork can happen before the move.
 */
const MOVE_INTO_CGROUP = 'echo $$ > "$1" || { echo "genie: cannot move the agent into its cgroup $1; set GENIE_CONTAINMENT to another kind" >&2; exit 125; }; shift; exec "$@"';

function prepareCgroup(turnId: string): PreparedContainment | ContainmentOption {
  const parent = ownCgroupDir();
  if (!parent) return { kind: 'cgroup', available: false, detail: 'no cgroup v2 hierarchy is mounted' };
  let dir: string;
  try {
    dir = createTurnCgroup(parent, turnId);
  } catch (error) {
    return { kind: 'cgroup', available: false, detail: `cannot create a cgroup under ${parent} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  sweepEmptyTurnCgroups(parent);
  const procs = `${dir}/cgroup.procs`;
  return {
    containment: { kind: 'cgroup', cgroup: dir },
    wrap: (command) => ({
      ...command,
      command: '/bin/sh',
      args: ['-c', MOVE_INTO_CGROUP, 'genie-cgroup', procs, command.command, ...command.args],
    }),
  };
}
