import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createTestDatabase, queryDatabase } from '../../../../tooling/postgres-database';
import { describeResult } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

interface CopyReport {
  project: string;
  sessions: number;
  copied: number;
  updated: number;
  unchanged: number;
  logLines: number;
  warnings: string[];
}

describe('genie migrate --to postgres://...', () => {
  it("copies a workspace's sessions and event logs into the team database, again only what changed, leaving the local store as it was", async () => {
    const url = await createTestDatabase('cli_migrate');
    const local = new TestWorkspace();
    // The JSON store, so "the local store as it was" can be checked byte for byte.
    local.useJsonStore();
    execFileSync('git', ['init', '--quiet', local.dir]);
    execFileSync('git', ['-C', local.dir, 'remote', 'add', 'origin', 'git@example.com:team/app.git']);
    local.env.GENIE_HOST_ID = 'laptop';
    const first = await local.json<SessionJson>(['run', 'shell', 'echo first answer', '--no-background', '--name', 'first']);
    await local.json<SessionJson>(['run', 'shell', 'echo second answer', '--no-background', '--name', 'second']);
    const storeBefore = fs.readFileSync(local.sessionsFile);

    const dry = await local.json<CopyReport>(['migrate', '--to', url, '--dry-run']);
    expect(dry).toMatchObject({ copied: 2, updated: 0, unchanged: 0 });
    expect(await queryDatabase(url, 'SELECT 1 FROM genie_sessions')).toEqual([]);

    const copied = await local.json<CopyReport>(['migrate', '--to', url]);
    expect(copied).toMatchObject({ project: 'example.com/team/app', sessions: 2, copied: 2, updated: 0, unchanged: 0, warnings: [] });
    expect(copied.logLines).toBeGreaterThan(0);
    expect(fs.readFileSync(local.sessionsFile).equals(storeBefore)).toBe(true);

    // Another host of the team sees both sessions and their transcripts.
    const teammate = new TestWorkspace();
    execFileSync('git', ['init', '--quiet', teammate.dir]);
    execFileSync('git', ['-C', teammate.dir, 'remote', 'add', 'origin', 'https://example.com/team/app']);
    teammate.env.GENIE_DATABASE_URL = url;
    teammate.env.GENIE_HOST_ID = 'ci-runner';
    const listed = await teammate.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(listed.sessions.map((session) => session.name).sort()).toEqual(['first', 'second']);
    const viewed = await teammate.json<SessionJson & { transcript: unknown[] }>(['view', 'first', '--full']);
    expect(viewed.sessionId).toBe(first.sessionId);
    expect(JSON.stringify(viewed.transcript)).toContain('first answer');

    // Again: nothing new. After one more local turn: that session and its new lines only.
    expect(await local.json<CopyReport>(['migrate', '--to', url])).toMatchObject({ copied: 0, updated: 0, unchanged: 2, logLines: 0 });
    await local.json<SessionJson>(['resume', 'first', 'echo third answer', '--no-background']);
    const again = await local.json<CopyReport>(['migrate', '--to', url]);
    expect(again).toMatchObject({ copied: 0, updated: 1, unchanged: 1 });
    expect(again.logLines).toBeGreaterThan(0);
    const rows = await queryDatabase<{ n: number }>(url, "SELECT count(*)::int AS n FROM genie_event_lines WHERE session_id = $1", [first.sessionId]);
    const file = fs.readFileSync(String((await local.json<SessionJson>(['view', 'first'])).logFile), 'utf8');
    expect(rows[0]?.n).toBe(file.trimEnd().split('\n').length);
    const resumed = await teammate.json<SessionJson>(['view', 'first']);
    expect(resumed.turns).toBe(2);
    expect(JSON.stringify(resumed)).toContain('third answer');
  });

  it('refuses a --to that is not a PostgreSQL URL, and a workspace that is already in one', async () => {
    const local = new TestWorkspace();
    const bad = await local.genie(['migrate', '--to', 'mysql://db/genie', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('postgres://');
    const team = new TestWorkspace();
    team.env.GENIE_DATABASE_URL = await createTestDatabase('cli_migrate_team');
    const already = await team.genie(['migrate', '--to', team.env.GENIE_DATABASE_URL, '--json']);
    expect({ code: already.code, out: describeResult(already) }).toMatchObject({ code: 2 });
    expect(already.stdout).toContain('already keeps its sessions in PostgreSQL');
  });
});
