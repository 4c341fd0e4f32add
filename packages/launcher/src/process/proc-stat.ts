import { readFileSync } from 'node:fs';

/** The fields of `/proc/<pid>/stat` genie relies on. */
export interface ProcStat {
  pid: number;
  state: string;
  ppid: number;
  pgid: number;
  /** Clock ticks since boot when the process started (field 22); unique per pid incarnation. */
  startTicks: string;
}

export const HAS_PROC = process.platform === 'linux';

/**
 * Reads `/proc/<pid>/stat`. The command name (field 2) may contain spaces and
 * parentheses, so fields are counted from the last `)`.
 */
export function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  // After ")": state(3) ppid(4) pgrp(5) session(6) ... starttime(22)
  const fields = text.slice(close + 2).split(' ');
  const state = fields[0];
  const ppid = Number(fields[1]);
  const pgid = Number(fields[2]);
  const startTicks = fields[19];
  if (state === undefined || startTicks === undefined) return undefined;
  return { pid, state, ppid, pgid, startTicks };
}
