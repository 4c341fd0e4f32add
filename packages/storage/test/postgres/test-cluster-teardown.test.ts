import { existsSync, readFileSync } from 'node:fs';
import { startPostgresCluster } from '../../../../tooling/postgres-cluster';
import { isRunning } from '../../../../tooling/process-gone';
import { startFixture } from '../helpers/child-process';

function postmasterPid(dir: string): number {
  return Number(readFileSync(`${dir}/data/postmaster.pid`, 'utf8').split('\n')[0]);
}

async function eventually(check: () => boolean, limitMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return check();
}

// The tests' own PostgreSQL clusters must never outlive the run that made them: a leaked
// `postgres -D` keeps its port, memory and shared buffers on a shared CI machine.
describe('the throwaway PostgreSQL cluster of the tests', () => {
  it('is stopped and removed by destroy()', async () => {
    const cluster = await startPostgresCluster();
    const pid = postmasterPid(cluster.dir);
    expect(isRunning(pid)).toBe(true);
    cluster.destroy();
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(cluster.dir)).toBe(false);
  });

  it('is stopped and removed when the process that started it dies without tearing it down', async () => {
    const holder = startFixture('hold-pg-cluster.js', []);
    const started = await new Promise<{ dir: string; pid: number }>((resolve, reject) => {
      holder.child.stdout?.on('data', () => {
        const line = holder.stdout().split('\n')[0];
        if (holder.stdout().includes('\n')) resolve(JSON.parse(line as string) as { dir: string; pid: number });
      });
      holder.exited.then((result) => reject(new Error(`the cluster holder exited early: ${result.stderr}`)), reject);
    });
    expect(isRunning(started.pid)).toBe(true);

    holder.child.kill('SIGKILL');
    await holder.exited;

    expect(await eventually(() => !isRunning(started.pid))).toBe(true);
    expect(await eventually(() => !existsSync(started.dir))).toBe(true);
  });
});
