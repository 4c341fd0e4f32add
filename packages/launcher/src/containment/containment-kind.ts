/**
 * How a turn's processes are held together so that stop finds every one of them,
 * strongest first:
 * - `cgroup`: a cgroup v2 of the turn's own; membership is inherited by every descendant
 *   and cannot be left by detaching, and `cgroup.kill` ends them all at once.
 * - `pid-namespace`: the agent runs as init of a PID namespace (`unshare --pid --fork
 *   --kill-child`); every process in it descends from that init, and the kernel kills
 *   them all when it dies.
 * - `subreaper`: a small wrapper made child subreaper (prctl PR_SET_CHILD_SUBREAPER)
 *   runs the agent; descendants whose parents die are reparented to it instead of init,
 *   so they stay in its tree while it lives.
 * - `process-group`: none of the above; stop finds processes by their process group, the
 *   session's environment markers and the process tree, which a child that both
 *   scrubs its environment and detaches (and outlives its parent) escapes.
 */
export const CONTAINMENT_KINDS = ['cgroup', 'pid-namespace', 'subreaper', 'process-group'] as const;
export type ContainmentKind = (typeof CONTAINMENT_KINDS)[number];

/** Forces one kind (`auto`, the default, picks the strongest available); for tests and for platforms that misdetect. */
export const CONTAINMENT_ENV_VAR = 'GENIE_CONTAINMENT';

/** What a session record keeps of its turn's containment, so a stop from any process can reach it. */
export interface TurnContainment {
  kind: ContainmentKind;
  /** The turn's cgroup directory (`cgroup` only). */
  cgroup?: string;
}

export function isContainmentKind(value: unknown): value is ContainmentKind {
  return typeof value === 'string' && (CONTAINMENT_KINDS as readonly string[]).includes(value);
}
