import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { readProcStat } from '../../src/process/proc-stat';
import { isProcessAlive, processStartTime } from '../../src/process/process-identity';

describe('processStartTime and isProcessAlive', () => {
  it('identifies this process and tells a reused pid from the original', () => {
    const token = processStartTime(process.pid);
    expect(token).toEqual(expect.any(String));
    expect(processStartTime(process.pid)).toBe(token);
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(process.pid, token)).toBe(true);
    expect(isProcessAlive(process.pid, `${token}-another-incarnation`)).toBe(false);
  });

  it('reports an exited process as dead and gives no start time for it', async () => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    const pid = child.pid as number;
    await once(child, 'exit');
    expect(isProcessAlive(pid)).toBe(false);
    expect(processStartTime(pid)).toBeNull();
  });

  it('counts a zombie as dead', async () => {
    // The parent never reaps its child, which stays a zombie while the parent sleeps. (A shell
    // would reap a child that ended before it exec'd its sleep, as on a loaded machine.)
    const parent = spawn('perl', ['-e', '$| = 1; my $child = fork(); exit 0 unless $child; print "$child\n"; sleep 300'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const [line] = (await once(parent.stdout, 'data')) as [Buffer];
      const zombie = Number(line.toString().trim());
      for (let tries = 0; readProcStat(zombie)?.state !== 'Z' && tries < 200; tries += 1) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(readProcStat(zombie)?.state).toBe('Z');
      expect(isProcessAlive(zombie)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('rejects pids that cannot be processes', () => {
    for (const pid of [0, -1, 1.5, null, undefined]) expect(isProcessAlive(pid)).toBe(false);
    expect(processStartTime(0)).toBeNull();
  });

  it('still recognises a runner recorded with the start-time token of launcher 0.1', () => {
    const ticks = readFileSync(`/proc/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19];
    expect(isProcessAlive(process.pid, `linux:${ticks}`)).toBe(true);
    expect(isProcessAlive(process.pid, `linux:${Number(ticks) + 1}`)).toBe(false);
  });
});
