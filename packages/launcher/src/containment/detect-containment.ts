import { spawnSync } from 'node:child_process';
import { resolveExecutable } from '../process/resolve-executable';
import { canKillCgroup, createTurnCgroup, ownCgroupDir, removeCgroup } from './cgroup-v2';
import { CONTAINMENT_ENV_VAR, CONTAINMENT_KINDS, isContainmentKind, type ContainmentKind } from './containment-kind';
import { SUBREAPER_SCRIPT } from './subreaper-script';

export interface ContainmentOption {
  kind: ContainmentKind;
  available: boolean;
  /** Where it lives (cgroup directory, program used), or why it is unavailable. */
  detail: string;
}

export interface ContainmentReport {
  /** What the next turn gets. */
  kind: ContainmentKind;
  /** True when GENIE_CONTAINMENT chose it. */
  forced: boolean;
  /** Set when the forced kind is unavailable: turns then fail to start, saying why. */
  problem: string | null;
  options: ContainmentOption[];
}

/** The kind GENIE_CONTAINMENT forces; undefined for `auto`/unset; an unknown word is a problem to report. */
export function forcedContainment(env: NodeJS.ProcessEnv): ContainmentKind | 'invalid' | undefined {
  const value = env[CONTAINMENT_ENV_VAR]?.trim();
  if (!value || value === 'auto') return undefined;
  return isContainmentKind(value) ? value : 'invalid';
}

/** Probes every kind of containment this process could give a turn (doctor's view). */
export function detectContainment(env: NodeJS.ProcessEnv = process.env): ContainmentReport {
  const options = CONTAINMENT_KINDS.map((kind) => probe(kind, env));
  const forced = forcedContainment(env);
  if (forced === 'invalid') {
    const chosen = options.find((option) => option.available) as ContainmentOption;
    return {
      kind: chosen.kind,
      forced: false,
      problem: `${CONTAINMENT_ENV_VAR}=${env[CONTAINMENT_ENV_VAR]} is not one of auto, ${CONTAINMENT_KINDS.join(', ')}.`,
      options,
    };
  }
  if (forced) {
    const option = options.find((candidate) => candidate.kind === forced) as ContainmentOption;
    return { kind: forced, forced: true, problem: option.available ? null : unavailableProblem(option), options };
  }
  const chosen = options.find((option) => option.available) as ContainmentOption;
  return { kind: chosen.kind, forced: false, problem: null, options };
}

export function unavailableProblem(option: ContainmentOption): string {
  return `${CONTAINMENT_ENV_VAR}=${option.kind} asks for a containment this machine does not offer: ${option.detail}.`;
}

export function probe(kind: ContainmentKind, env: NodeJS.ProcessEnv): ContainmentOption {
  switch (kind) {
    case 'cgroup':
      return probeCgroup();
    case 'pid-namespace':
      return probePidNamespace(env);
    case 'subreaper':
      return probeSubreaper(env);
    case 'process-group':
      return { kind, available: true, detail: 'process groups, session markers and the process tree' };
  }
}

function probeCgroup(): ContainmentOption {
  const parent = ownCgroupDir();
  if (!parent) return { kind: 'cgroup', available: false, detail: 'no cgroup v2 hierarchy is mounted' };
  try {
    const dir = createTurnCgroup(parent, `probe-${process.pid}-${Date.now().toString(36)}`);
    const killable = canKillCgroup(dir);
    removeCgroup(dir);
    return { kind: 'cgroup', available: true, detail: `under ${parent}${killable ? '' : ' (no cgroup.kill: members are killed one by one)'}` };
  } catch (error) {
    return { kind: 'cgroup', available: false, detail: `cannot create a cgroup under ${parent} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); delegate a writable cgroup to this user to enable it` };
  }
}

/** `unshare` options that give the agent a PID namespace it is init of; unprivileged users need a user namespace too. */
export function unshareArgs(): string[] {
  const user = typeof process.getuid === 'function' && process.getuid() !== 0 ? ['--user', '--map-current-user'] : [];
  return [...user, '--pid', '--fork', '--kill-child'];
}

const probed = new Map<string, ContainmentOption>();

function probePidNamespace(env: NodeJS.ProcessEnv): ContainmentOption {
  return cachedProbe('pid-namespace', env, 'unshare', (unshare) => {
    const result = spawnSync(unshare, [...unshareArgs(), '--', 'true'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 5_000 });
    return result.status === 0 ? null : (result.stderr.trim() || `unshare exited ${result.status ?? result.signal}`);
  });
}

function probeSubreaper(env: NodeJS.ProcessEnv): ContainmentOption {
  return cachedProbe('subreaper', env, 'perl', (perl) => {
    const result = spawnSync(perl, ['-e', SUBREAPER_SCRIPT], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 5_000 });
    return result.status === 0 ? null : (result.stderr.trim() || `perl exited ${result.status ?? result.signal}`);
  });
}

/** Runs a probe program once per process and PATH; `check` answers null when it works, else why not. */
function cachedProbe(kind: ContainmentKind, env: NodeJS.ProcessEnv, program: string, check: (path: string) => string | null): ContainmentOption {
  const key = `${kind}\0${env.PATH ?? ''}`;
  const cached = probed.get(key);
  if (cached) return cached;
  const path = resolveExecutable(program, env, process.cwd());
  let option: ContainmentOption;
  if (process.platform !== 'linux') option = { kind, available: false, detail: `Linux only (this is ${process.platform})` };
  else if (!path) option = { kind, available: false, detail: `\`${program}\` is not on PATH` };
  else {
    const problem = check(path);
    option = problem ? { kind, available: false, detail: problem } : { kind, available: true, detail: path };
  }
  probed.set(key, option);
  return option;
}
