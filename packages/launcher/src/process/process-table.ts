import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { hasProcFs, readProcStat, type ProcStat } from './proc-stat';

/** A snapshot of every live (non-zombie) process visible to this user. */
export function listProcesses(): ProcStat[] {
  if (hasProcFs()) return listFromProc();
  return listFromPs();
}

function listFromProc(): ProcStat[] {
  const processes: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    const first = name.charCodeAt(0);
    if (first < 48 || first > 57) continue;
    const stat = readProcStat(Number(name));
    if (stat && stat.state !== 'Z' && stat.state !== 'X') processes.push(stat);
  }
  return processes;
}

function listFromPs(): ProcStat[] {
  let output: string;
  try {
    output = execFileSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid=', '-o', 'pgid=', '-o', 'stat='], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return [];
  }
  const processes: ProcStat[] = [];
  for (const row of output.split('\n')) {
    const [pid, ppid, pgid, state] = row.trim().split(/\s+/);
    if (!pid || !ppid || !pgid || !state || state.startsWith('Z')) continue;
    processes.push({ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), state: state[0] ?? '?', startTicks: '' });
  }
  return processes;
}
