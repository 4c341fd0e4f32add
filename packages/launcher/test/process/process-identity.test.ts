import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { isProcessAlive } from '../../src/process/is-process-alive';
import { processStartTime } from '../../src/process/process-start-time';

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
    expect(processStartTime(pid)).toBeUndefined();
  });

  it('rejects pids that cannot be processes', () => {
    for (const pid of [0, -1, 1.5, null, undefined]) expect(isProcessAlive(pid)).toBe(false);
    expect(processStartTime(0)).toBeUndefined();
  });
});
