import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, queryDatabase } from '../../../../tooling/postgres-database';
import { describeResult, parseJsonDocument } from './support/genie-process';
import { until } from './support/until';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

/** A checkout of the team's repository on one host: its own directory, HOME and host id, one shared database. */
function host(id: string, origin: string, databaseUrl: string): TestWorkspace {
  const workspace = new TestWorkspace();
  execFileSync('git', ['init', '--quiet', workspace.dir]);
  execFileSync('git', ['-C', workspace.dir, 'remote', 'add', 'origin', origin]);
  workspace.env.GENIE_DATABASE_URL = databaseUrl;
  workspace.env.GENIE_HOST_ID = id;
  return workspace;
}

describe('sessions in PostgreSQL (GENIE_DATABASE_URL)', () => {
  let url: string;
  let laptop: TestWorkspace;
  let ci: TestWorkspace;

  beforeAll(async () => {
    url = await createTestDatabase('cli_team');
    // One repository, cloned over ssh on one host and over https on the other.
    laptop = host('laptop', 'git@example.com:team/app.git', url);
    ci = host('ci-runner', 'https://example.com/team/app', url);
  });

  it('records a run in the database, where a checkout of the same repository on another host sees it', async () => {
    const result = await laptop.genie(['run', 'shell', 'echo hello from the laptop', '--no-background', '--json']);
    expect(result.code).toBe(0);
    const session = parseJsonDocument<SessionJson>(result);
    expect(session.status).toBe('completed');
    expect(fs.existsSync(laptop.sessionsFile)).toBe(false);

    const listed = await ci.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(listed.sessions.map((entry) => [entry.sessionId, entry.status])).toEqual([[session.sessionId, 'completed']]);
    const rows = await queryDatabase<{ project: string; host: string }>(url, "SELECT project, record::json->>'host' AS host FROM genie_sessions");
    expect(rows).toEqual([{ project: 'example.com/team/app', host: 'laptop' }]);
  });

  it('runs a background turn whose supervisor writes its outcome to the database', async () => {
    const started = await laptop.json<SessionJson>(['run', 'shell', 'echo in the background', '--background', '--name', 'bg']);
    const settled = await laptop.settled(started.sessionId);
    expect(settled).toMatchObject({ sessionId: started.sessionId, status: 'completed', exitCode: 0 });
    expect(settled.answer ?? JSON.stringify(settled.lastTurn)).toContain('in the background');
    const seen = await ci.json<{ sessions: SessionJson[] }>(['list', 'sessions', '--status', 'completed']);
    expect(seen.sessions.map((entry) => entry.name)).toContain('bg');
  });

  it("shows and follows, from another host, a turn that runs on the laptop, from the turn's log in the database", async () => {
    const script = 'for i in 1 2 3 4 5; do echo "step $i"; sleep 0.3; done; echo all done';
    const started = await laptop.json<SessionJson>(['run', 'shell', script, '--background', '--name', 'steps']);
    const followed = await ci.genie(['view', 'steps', '--follow']);
    expect(followed.code).toBe(0);
    for (const line of ['step 1', 'step 5', 'all done']) expect(followed.stdout).toContain(line);
    expect(followed.stdout.indexOf('step 1')).toBeLessThan(followed.stdout.indexOf('step 5'));

    const full = await ci.json<SessionJson & { transcript: Array<{ events: Array<{ kind: string; text?: string }> }> }>(['view', 'steps', '--full']);
    expect(full).toMatchObject({ sessionId: started.sessionId, status: 'completed' });
    expect(JSON.stringify(full.transcript)).toContain('all done');
    // The laptop reads its own file; the runner's copy holds the same lines.
    const own = await laptop.json<SessionJson>(['view', 'steps', '--full']);
    expect(JSON.stringify(own.transcript)).toBe(JSON.stringify(full.transcript));
  });

  it("refuses to resume, on another host, a session of the laptop, naming the laptop, and changes nothing; a stop from there reaches the laptop", async () => {
    const before = await ci.json<SessionJson>(['view', 'steps']);
    const resumed = await ci.genie(['resume', 'steps', 'echo again', '--no-background', '--json']);
    expect(resumed.code).toBe(2);
    const refusal = parseJsonDocument<{ error: { code: string; message: string } }>(resumed).error;
    expect(refusal.code).toBe('FOREIGN_HOST');
    expect(refusal.message).toContain('laptop');
    expect(await ci.json<SessionJson>(['view', 'steps'])).toMatchObject({ turns: before.turns, status: 'completed' });

    await laptop.json<SessionJson>(['run', 'shell', 'sleep 30', '--background', '--name', 'long']);
    expect((await ci.json<SessionJson>(['stop', 'long'])).status).toBe('stopped');
    expect((await laptop.json<SessionJson>(['view', 'long'])).status).toBe('stopped');
  });

  it("takes a turn of a host that died for lost on the other hosts once its lease runs out, and not a live one", async () => {
    const leaseMs = 4_000;
    for (const workspace of [laptop, ci]) {
      fs.writeFileSync(path.join(workspace.dir, '.genie', 'config.yaml'), `storage:\n  leaseMs: ${leaseMs}\n`);
    }
    const live = await laptop.json<SessionJson>(['run', 'shell', 'sleep 60', '--background', '--name', 'live']);
    const doomed = await laptop.json<SessionJson>(['run', 'shell', 'sleep 60', '--background', '--name', 'doomed']);
    const pids = async (sessionId: string) =>
      (
        await queryDatabase<{ runner: number | null; executor: number | null }>(
          url,
          "SELECT (record::json->>'runnerPid')::int AS runner, (record::json->>'executorPid')::int AS executor FROM genie_sessions WHERE session_id = $1",
          [sessionId],
        )
      )[0];
    await until(() => pids(doomed.sessionId), (found) => Boolean(found?.runner && found.executor));
    // The laptop "dies": its supervisor and agent vanish without a word to the database.
    const { runner, executor } = (await pids(doomed.sessionId)) as { runner: number; executor: number };
    process.kill(runner, 'SIGKILL');
    process.kill(-executor, 'SIGKILL');

    const lost = await until(
      () => ci.json<SessionJson>(['view', 'doomed']),
      (view) => view.status !== 'running' && view.status !== 'starting',
    );
    expect(lost.status).toBe('lost');
    expect(lost.error).toContain('laptop');
    // Its live neighbour, started earlier, renewed its lease all along: still running.
    expect((await ci.json<SessionJson>(['view', 'live'])).status).toBe('running');
    expect((await laptop.json<SessionJson>(['stop', 'live'])).sessionId).toBe(live.sessionId);
    for (const workspace of [laptop, ci]) fs.rmSync(path.join(workspace.dir, '.genie', 'config.yaml'));
  });

  it('keeps another repository apart in the same database', async () => {
    const other = host('laptop', 'git@example.com:team/other.git', url);
    const listed = await other.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(listed.sessions).toEqual([]);
  });

  it('says which server it cannot reach, and exits 4', async () => {
    const offline = host('laptop', 'git@example.com:team/app.git', 'postgres://genie@127.0.0.1:1/none');
    const result = await offline.genie(['list', 'sessions', '--json']);
    expect({ code: result.code, error: parseJsonDocument<{ error: { code: string; message: string } }>(result).error.code }).toEqual({
      code: 4,
      error: 'STORE_IO',
    });
    expect(result.stdout).toContain('127.0.0.1:1');
  });

  it('refuses storage.adapter postgres without a URL, naming the setting', async () => {
    const workspace = new TestWorkspace();
    fs.writeFileSync(path.join(workspace.dir, '.genie', 'config.yaml'), 'storage:\n  adapter: postgres\n');
    const result = await workspace.genie(['list', 'sessions']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('storage.url');
    expect(result.stderr).toContain('GENIE_DATABASE_URL');
  });

  it('reads storage.url and storage.project from config.yaml', async () => {
    const workspace = new TestWorkspace();
    fs.writeFileSync(
      path.join(workspace.dir, '.genie', 'config.yaml'),
      `storage:\n  adapter: postgres\n  url: ${url}\n  project: example.com/team/app\n`,
    );
    const listed = await workspace.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(listed.sessions.map((entry) => entry.name)).toContain('bg');
    if (listed.sessions.length === 0) throw new Error(describeResult(await workspace.genie(['list', 'sessions'])));
  });
});
