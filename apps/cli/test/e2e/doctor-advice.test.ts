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

  it('a workspace without a store yet says so instead of listing a file that does not exist', async () => {
    const workspace = new TestWorkspace();
    const result = await workspace.genie(['doctor']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no store yet');
    expect(fs.existsSync(workspace.sessionsFile)).toBe(false);
  });
});
