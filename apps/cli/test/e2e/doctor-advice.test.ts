import fs from 'node:fs';
import path from 'node:path';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('genie doctor says what to do about the store', () => {
  it('a damaged store with no previous version: no made-up session count, and what to do instead of --repair', async () => {
    const workspace = new TestWorkspace();
    fs.mkdirSync(path.dirname(workspace.sessionsFile), { recursive: true });
    fs.writeFileSync(workspace.sessionsFile, '{"version":2,"sessions":');

    for (const args of [['doctor'], ['doctor', '--repair']]) {
      const result = await workspace.genie(args);
      expect(result.code).toBe(4);
      expect(result.stdout).not.toContain('0 sessions');
      expect(result.stdout).toContain('no previous version is kept');
      expect(result.stdout).toContain('move it away');
    }
    expect(fs.readFileSync(workspace.sessionsFile, 'utf8')).toBe('{"version":2,"sessions":');
  });

  it('a store written by a newer genie: upgrade, never --repair, which leaves it as it is', async () => {
    const workspace = new TestWorkspace();
    fs.mkdirSync(path.dirname(workspace.sessionsFile), { recursive: true });
    const newer = '{"version":99,"sessions":{}}';
    fs.writeFileSync(workspace.sessionsFile, newer);
    fs.writeFileSync(`${workspace.sessionsFile}.bak`, '{"version":2,"sessions":{}}');

    const doctor = await workspace.genie(['doctor']);
    expect(doctor.code).toBe(4);
    expect(doctor.stdout).toContain('upgrade genie');
    expect(doctor.stdout).not.toContain('--repair` to restore');
    expect(doctor.stdout).not.toContain('fix the file by hand');

    const repair = await workspace.genie(['doctor', '--repair']);
    expect(repair.code).toBe(4);
    expect(repair.stderr).toContain('Upgrade genie');
    expect(fs.readFileSync(workspace.sessionsFile, 'utf8')).toBe(newer);
  });

  it('sessions found only in their event logs: --repair brings them back, and no damaged file is claimed', async () => {
    const workspace = new TestWorkspace();
    await workspace.json(['run', 'shell', 'echo kept in the log', '--no-background', '--name', 'logged']);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${workspace.databaseFile}${suffix}`, { force: true });

    const result = await workspace.genie(['doctor']);
    expect(result.code).toBe(4);
    expect(result.stdout).toContain('1 session has an event log but no record in the store');
    expect(result.stdout).toContain('run `genie doctor --repair` to bring them back from their logs');
    expect(result.stdout).not.toContain('damaged');
  });

  it('a workspace without a store yet says so instead of listing a file that does not exist', async () => {
    const workspace = new TestWorkspace();
    const result = await workspace.genie(['doctor']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no store yet');
    expect(fs.existsSync(workspace.sessionsFile)).toBe(false);
  });
});

describe('genie doctor reports how turns are contained', () => {
  it('names the containment turns get, every option, and a GENIE_CONTAINMENT override, in text and JSON', async () => {
    const workspace = new TestWorkspace();
    workspace.env.GENIE_CONTAINMENT = 'process-group';

    const json = await workspace.genie(['doctor', '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { containment: { kind: string; forced: boolean; problem: string | null; options: Array<{ kind: string; available: boolean }> } };
    expect(report.containment).toMatchObject({ kind: 'process-group', forced: true, problem: null });
    expect(report.containment.options.map((option) => option.kind)).toEqual(['cgroup', 'pid-namespace', 'subreaper', 'process-group']);

    const text = await workspace.genie(['doctor']);
    expect(text.stdout).toContain('process containment');
    expect(text.stdout).toMatch(/process-group .*← used \(GENIE_CONTAINMENT\)/);
  });

  it('says so when GENIE_CONTAINMENT names something that does not exist', async () => {
    const workspace = new TestWorkspace();
    workspace.env.GENIE_CONTAINMENT = 'jail';
    const text = await workspace.genie(['doctor']);
    expect(text.stdout).toContain('GENIE_CONTAINMENT=jail is not one of auto, cgroup, pid-namespace, subreaper, process-group');
  });
});
