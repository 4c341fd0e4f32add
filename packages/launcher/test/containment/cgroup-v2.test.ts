import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cgroupMembers, killCgroup, ownCgroupDir, removeCgroup, sweepEmptyTurnCgroups } from '../../src/containment/cgroup-v2';
import { eventually } from '../helpers/launch-fixture';

describe('turn cgroups', () => {
  const parent = path.join(ownCgroupDir() as string, `genie-test-${process.pid}`);
  beforeAll(() => mkdirSync(parent));
  afterAll(() => {
    killCgroup(parent);
    return eventually(() => removeCgroup(parent), 'the test cgroup to go');
  });

  it('sweeps the empty turn cgroups nobody removed, and keeps those that hold a process or are brand new', async () => {
    const empty = path.join(parent, 'genie-empty');
    const occupied = path.join(parent, 'genie-occupied');
    const fresh = path.join(parent, 'genie-fresh');
    for (const dir of [empty, occupied]) mkdirSync(dir);
    const sleeper = spawn('sleep', ['300'], { stdio: 'ignore' });
    writeFileSync(path.join(occupied, 'cgroup.procs'), String(sleeper.pid));
    expect(cgroupMembers(occupied)).toEqual([sleeper.pid]);

    sweepEmptyTurnCgroups(parent, Date.now() + 120_000);
    mkdirSync(fresh);
    sweepEmptyTurnCgroups(parent);

    expect([existsSync(empty), existsSync(occupied), existsSync(fresh)]).toEqual([false, true, true]);
    killCgroup(occupied);
    await eventually(() => cgroupMembers(occupied).length === 0, 'the cgroup to be emptied');
  });
});
