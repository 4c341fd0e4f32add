import fs from 'node:fs';
import path from 'node:path';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('genie view --full of turns whose log is gone', () => {
  const workspace = new TestWorkspace();

  it('says the transcript is missing instead of showing nothing', async () => {
    const session = await workspace.json(['run', 'shell', 'echo kept', '--no-background', '--name', 'no-log']);
    fs.rmSync(session.logFile as string);

    const result = await workspace.genie(['view', 'no-log', '--full']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no transcript');
    expect(result.stdout).toContain(session.logFile as string);
  });

  it('a session migrated from the predecessor, which has no log, says so too', async () => {
    const other = new TestWorkspace();
    fs.mkdirSync(path.dirname(other.sessionsFile), { recursive: true });
    fs.writeFileSync(
      other.sessionsFile,
      JSON.stringify({
        version: 1,
        agents: { implementor: { sessionId: 'abc-123', agent: 'implementor', created: '2025-10-17T10:00:00Z', status: 'completed', lastPrompt: 'do it' } },
      }),
    );
    const result = await other.genie(['view', 'abc-123', '--full']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no transcript');
  });
});
