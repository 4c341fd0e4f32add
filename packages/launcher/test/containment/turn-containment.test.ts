import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../../src/process/process-identity';
import { detectContainment } from '../../src/containment/detect-containment';
import type { ContainmentKind } from '../../src/containment/containment-kind';
import { startBackgroundTurn } from '../../src/launch/start-background-turn';
import { signalProcesses } from '../../src/process/signal-processes';
import { stopSession } from '../../src/stop/stop-session';
import { eventually, LaunchFixture, shellSettings } from '../helpers/launch-fixture';

/**
 * Descendants that leave the agent's process group and scrub their environment, so
 * neither the group nor the GENIE_SESSION_ID marker finds them: a `setsid env -i` child
 * whose parent exits, a double fork with an empty environment, and (once the `go` file
 * appears, after the test SIGKILLed the supervisor) a plain `env -i` child. Each writes
 * its pid (as this machine numbers it, also from inside a PID namespace) to a file of its
 * own: once the supervisor is gone nobody reads stdout.
 */
const ESCAPING_AGENT = (dir: string): string => `
(setsid env -i ${dir}/escapee setsid &)
env -i sh -c '(${dir}/escapee double-fork &)'
echo ready
while [ ! -f ${dir}/go ]; do sleep 0.1; done
env -i ${dir}/escapee after-supervisor &
while :; do sleep 1; done
`;

function writeEscapee(dir: string): void {
  const script = `#!/bin/sh\nread -r pid rest < /proc/self/stat\necho "$pid" > ${dir}/pids/$1\nexec sleep 300\n`;
  writeFileSync(path.join(dir, 'escapee'), script, { mode: 0o755 });
}

const available = detectContainment(process.env).options.filter((option) => option.available).map((option) => option.kind);

describe.each(['cgroup', 'pid-namespace', 'subreaper'] as const)('a turn contained by %s', (kind: ContainmentKind) => {
  let fixture: LaunchFixture;
  const leftovers: number[] = [];
  beforeAll(() => {
    fixture = new LaunchFixture({ graceMs: 500, env: { ...process.env, GENIE_CONTAINMENT: kind } });
  });
  afterAll(async () => {
    signalProcesses(leftovers, 'SIGKILL');
    await fixture.dispose();
  });

  it('is available on this machine (the suite covers every path it can exercise)', () => {
    expect(available).toContain(kind);
  });

  it('ends every descendant on stop, however it detached, even after the supervisor was SIGKILLed', async () => {
    const dir = path.join(fixture.dir, kind);
    mkdirSync(path.join(dir, 'pids'), { recursive: true });
    writeEscapee(dir);
    const session = await fixture.createSession();
    await startBackgroundTurn(fixture.ctx, {
      sessionId: session.sessionId,
      executor: 'command',
      prompt: 'escape',
      settings: shellSettings(ESCAPING_AGENT(dir)),
      cwd: fixture.dir,
    });
    const pidsOf = (): number[] => readdirSync(path.join(dir, 'pids')).map((name) => Number(readFileSync(path.join(dir, 'pids', name), 'utf8')));
    const running = await eventually(async () => {
      const entry = await fixture.storage.get(session.sessionId);
      return entry?.status === 'running' && readdirSync(path.join(dir, 'pids')).length === 2 ? entry : undefined;
    }, 'the agent and its first two escapees');
    expect(running.containment).toMatchObject({ kind });

    process.kill(running.runnerPid as number, 'SIGKILL');
    await eventually(() => !isProcessAlive(running.runnerPid), 'the supervisor to die');
    writeFileSync(path.join(dir, 'go'), '');
    await eventually(() => existsSync(path.join(dir, 'pids', 'after-supervisor')), 'the escapee started after the supervisor died');
    const escapees = pidsOf();
    leftovers.push(...escapees);
    expect(escapees.every((pid) => isProcessAlive(pid))).toBe(true);

    await stopSession(fixture.ctx, session.sessionId);

    expect(escapees.filter((pid) => isProcessAlive(pid))).toEqual([]);
    if (kind === 'cgroup') expect(existsSync(running.containment?.cgroup as string)).toBe(false);
  });
});

describe('containment chosen by GENIE_CONTAINMENT', () => {
  it('refuses to start a turn under a containment that does not exist, saying which', async () => {
    const fixture = new LaunchFixture({ env: { ...process.env, GENIE_CONTAINMENT: 'jail' } });
    try {
      const session = await fixture.createSession();
      await startBackgroundTurn(fixture.ctx, {
        sessionId: session.sessionId,
        executor: 'command',
        prompt: 'p',
        settings: shellSettings('echo never'),
        cwd: fixture.dir,
      });
      const ended = await eventually(async () => {
        const entry = await fixture.storage.get(session.sessionId);
        return entry?.status === 'failed' ? entry : undefined;
      }, 'the turn to fail');
      expect(ended.error).toContain('GENIE_CONTAINMENT=jail');
    } finally {
      await fixture.dispose();
    }
  });

  it('by default picks the strongest containment this machine offers, and process groups are always there', () => {
    const report = detectContainment({ ...process.env, GENIE_CONTAINMENT: '' });
    expect(report.kind).toBe(available[0]);
    expect(available).toContain('process-group');
    expect(report.problem).toBeNull();
  });
});
