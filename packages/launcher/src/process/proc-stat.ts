import { existsSync, readFileSync } from 'node:fs';

/** The fields of `/proc/<pid>/stat` genie relies on. */
export interface ProcStat {
  pid: number;
  state: string;
  ppid: number;
  pgid: number;
  /** Clock ticks since boot when the process started (field 22); unique per pid incarnation. */
  startTicks: string;
}

let procAvailable: boolean | undefined;

/** Whether /proc is mounted; without it (macOS, some sandboxes) a missing entry proves nothing. */
export function hasProcFs(): boolean {
  procAvailable ??= existsSync(`/proc/${process.pid}/stat`);
  return procAvailable;
}

/**
 * `/proc/<pid>/stat` of a process: `gone` when the process does not exist, `unknown`
 * when /proc cannot tell (not mounted, or unreadable). The command name (field 2) may
 * hold spaces and parentheses, so fields are counted from its last `)`.
 */
export function statProcess(pid: number): ProcStat | 'gone' | 'unknown' {
  if (!hasProcFs()) return 'unknown';
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ESRCH' ? 'gone' : 'unknown';
  }
  const close = text.lastIndexOf(')');
  if (close < 0) return 'unknown';
  // After ")": state(3) ppid(4) pgrp(5) session(6) ... starttime(22)
  const fields = text.slice(close + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19];
  if (state === undefined || startTicks === undefined) return 'unknown';
  return { pid, state, ppid: Number(fields[1]), pgid: Number(fields[2]), startTicks };
}

/** `/proc/<pid>/stat` of a process, or undefined when it is gone or /proc cannot tell. */
export function readProcStat(pid: number): ProcStat | undefined {
  const stat = statProcess(pid);
  return typeof stat === 'object' ? stat : undefined;
}
