import fs from 'node:fs';
import path from 'node:path';
import { parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

const V1_STORE = {
  version: 1,
  agents: {
    implementor: {
      agent: 'implementor',
      sessionId: '4a7d1c2e-8f3b-4c5d-9e6f-0a1b2c3d4e5f',
      executor: 'claude',
      status: 'completed',
      created: '2025-10-17T15:30:00.000Z',
      lastPrompt: 'Implement the session store',
    },
  },
};

describe('the first command on a predecessor V1 store (no explicit `genie migrate`)', () => {
  const workspace = new TestWorkspace();

  beforeAll(() => {
    fs.mkdirSync(path.dirname(workspace.sessionsFile), { recursive: true });
    fs.writeFileSync(workspace.sessionsFile, JSON.stringify(V1_STORE));
  });

  it('imports it into the database, says so once on stderr, keeps the file untouched and stdout one JSON document', async () => {
    const before = fs.readFileSync(workspace.sessionsFile);
    const result = await workspace.genie(['list', 'sessions', '--json']);
    expect(result.code).toBe(0);
    const notices = result.stderr.split('\n').filter((line) => line.includes('Imported'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`from ${workspace.sessionsFile} (version 1) into ${workspace.databaseFile}`);
    expect(notices[0]).toContain('kept untouched');
    const { sessions } = parseJsonDocument<{ sessions: SessionJson[] }>(result);
    expect(sessions.map((session) => session.sessionId)).toEqual(['4a7d1c2e-8f3b-4c5d-9e6f-0a1b2c3d4e5f']);
    expect(fs.readFileSync(workspace.sessionsFile).equals(before)).toBe(true);
    expect(fs.existsSync(workspace.databaseFile)).toBe(true);
  });

  it('says nothing about it on the next command', async () => {
    const result = await workspace.genie(['view', '4a7d1c2e', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(parseJsonDocument<SessionJson>(result).lastPrompt).toBe('Implement the session store');
    const listed = await workspace.genie(['list', 'sessions']);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('Implement the session store');
  });
});
