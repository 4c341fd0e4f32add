import fs from 'node:fs';
import path from 'node:path';
import type { Genie } from '../../src/index';
import { storedRecord } from '../helpers/stored-records';
import { closeTestGenies, openTestGenie } from '../helpers/test-genie';
import { makeTempDir, makeWorkspace, removeTempDirs } from '../helpers/temp-workspace';

afterAll(async () => {
  await closeTestGenies();
  removeTempDirs();
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Starts a long background turn and SIGKILLs its supervisor once it runs; returns the session id. */
async function runAndKillSupervisor(genie: Genie): Promise<string> {
  const run = await genie.run({ agent: 'shell', prompt: 'sleep 30', background: true });
  await until(async () => (await genie.view({ session: run.sessionId })).status === 'running');
  const runnerPid = (await storedRecord(genie.workspace, run.sessionId))?.runnerPid as number;
  expect(isAlive(runnerPid)).toBe(true);
  process.kill(runnerPid, 'SIGKILL');
  await until(async () => !isAlive(runnerPid));
  return run.sessionId;
}

describe('session lifecycle', () => {
  it('shows a session whose supervisor was killed as lost, never running', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const sessionId = await runAndKillSupervisor(genie);
    const [listed] = await genie.listSessions();
    expect(listed?.sessionId).toBe(sessionId);
    expect(listed?.status).toBe('lost');
    expect(listed?.error).toContain('supervisor');
    expect((await genie.view({ session: sessionId })).status).toBe('lost');
  });

  it('has doctor report the sessions it reconciled', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const sessionId = await runAndKillSupervisor(genie);
    const report = await genie.doctor();
    expect(report.reconciled).toEqual([{ sessionId, name: expect.stringMatching(/^shell-/), from: 'running', to: 'lost' }]);
    expect((await genie.doctor()).reconciled).toEqual([]);
  });

  it('stops a running session, which then shows stopped', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const run = await genie.run({ agent: 'shell', prompt: 'sleep 30', background: true });
    const stopped = await genie.stop({ session: run.name as string });
    expect(stopped.status).toBe('stopped');
    expect((await genie.view({ session: run.sessionId })).status).toBe('stopped');
    expect((await genie.stop({ session: run.sessionId })).status).toBe('stopped');
  });

  it('returns from wait at the timeout with finished false while the turn goes on', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const run = await genie.run({ agent: 'shell', prompt: 'echo first; sleep 30', background: true });
    const waited = await genie.wait({ session: run.sessionId, timeoutMs: 300 });
    expect(waited.finished).toBe(false);
    expect(['starting', 'running']).toContain(waited.status);
    await genie.stop({ session: run.sessionId });
  });

  it('follows a running turn from its first event to its outcome', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const go = path.join(genie.workspace, 'go');
    const run = await genie.run({ agent: 'shell', prompt: `echo one; while [ ! -f ${go} ]; do sleep 0.05; done; echo two`, background: true });
    const kinds: string[] = [];
    const outputs: string[] = [];
    for await (const event of genie.follow({ session: run.sessionId })) {
      kinds.push(event.kind);
      if (event.kind === 'output') outputs.push(event.text);
      if (event.kind === 'output' && event.text === 'one') fs.writeFileSync(go, '');
    }
    expect(kinds[0]).toBe('prompt');
    expect(outputs).toEqual(['one', 'two']);
    expect(kinds[kinds.length - 1]).toBe('outcome');
  });

  it('stops a foreground turn when its signal aborts, recording it stopped', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const controller = new AbortController();
    const view = await genie.run({
      agent: 'shell',
      prompt: 'echo ready; sleep 30',
      background: false,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.kind === 'output' && event.text === 'ready') controller.abort();
      },
    });
    expect(view.status).toBe('stopped');
  });

  it('gives up waiting when its signal aborts, leaving the turn running', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const run = await genie.run({ agent: 'shell', prompt: 'sleep 30', background: true });
    const controller = new AbortController();
    const waiting = genie.wait({ session: run.sessionId, signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'INTERRUPTED' });
    expect(['starting', 'running']).toContain((await genie.view({ session: run.sessionId })).status);
    await genie.stop({ session: run.sessionId });
  });

  it('lists nothing, and creates nothing, in a directory without .genie/', async () => {
    const dir = makeTempDir();
    const genie = await openTestGenie(dir);
    expect(await genie.listSessions()).toEqual([]);
    expect(fs.existsSync(path.join(dir, '.genie'))).toBe(false);
  });

  it('passes every event of the running turn to wait, including those logged before it was called', async () => {
    const genie = await openTestGenie(makeWorkspace());
    const go = path.join(genie.workspace, 'go');
    const first = await genie.run({ agent: 'shell', prompt: 'echo turn-one', background: false });
    // The turn holds until the test has seen its first output inside wait: no timing involved.
    const second = await genie.resume({
      session: first.sessionId,
      prompt: `echo early; while [ ! -f ${go} ]; do sleep 0.05; done; echo late`,
      background: true,
    });
    await until(async () => ((await genie.view({ session: second.sessionId })).lastTurn?.events ?? []).some((e) => e.kind === 'output'));
    const outputs: string[] = [];
    const kinds: string[] = [];
    const waited = await genie.wait({
      session: second.sessionId,
      onEvent: (event) => {
        kinds.push(event.kind);
        if (event.kind === 'output') outputs.push(event.text);
        if (event.kind === 'output' && event.text === 'early') fs.writeFileSync(go, '');
      },
    });
    expect(waited.finished).toBe(true);
    expect(outputs).toEqual(['early', 'late']);
    expect(kinds[0]).toBe('prompt');
    expect(kinds[kinds.length - 1]).toBe('outcome');
  });

  it('lists sessions newest first with filters', async () => {
    const genie = await openTestGenie(makeWorkspace({ 'agents/other.md': '---\ngenie:\n  executor: command\n---\n' }));
    const a = await genie.run({ agent: 'shell', prompt: 'true', background: false });
    const b = await genie.run({ agent: 'shell', prompt: 'exit 1', background: false });
    expect((await genie.listSessions()).map((s) => s.sessionId)).toEqual([b.sessionId, a.sessionId]);
    expect((await genie.listSessions({ status: 'failed' })).map((s) => s.sessionId)).toEqual([b.sessionId]);
    expect((await genie.listSessions({ limit: 1 })).map((s) => s.sessionId)).toEqual([b.sessionId]);
    expect(await genie.listSessions({ agent: 'other' })).toEqual([]);
    expect((await genie.listSessions({ agent: 'shell' })).map((s) => s.sessionId)).toEqual([b.sessionId, a.sessionId]);
  });

  it('gives the list as one JSON document, byte for byte the stringified listSessions, with the same filters', async () => {
    const genie = await openTestGenie(makeWorkspace());
    await genie.run({ agent: 'shell', prompt: 'echo "a \\"quoted\\" answer"', background: false });
    await genie.run({ agent: 'shell', prompt: 'exit 3', background: false });
    for (const options of [undefined, { status: 'failed' as const }, { limit: 1 }, { agent: 'shell' }, { agent: 'nobody' }]) {
      const text = [...(await genie.listSessionsJson(options))].join('');
      expect(text).toBe(JSON.stringify({ sessions: await genie.listSessions(options) }));
    }
    expect((JSON.parse([...(await genie.listSessionsJson())].join('')) as { sessions: unknown[] }).sessions).toHaveLength(2);
  });

  it('filters by agent basename or name as well as by id', async () => {
    const genie = await openTestGenie(
      makeWorkspace({ 'agents/qa/checker.md': '---\nname: Checker\ngenie:\n  executor: command\n  runArgs: [bash, -c, "{prompt}"]\n---\n' }),
    );
    const run = await genie.run({ agent: 'checker', prompt: 'true', background: false });
    expect(run.agent).toBe('qa/checker');
    expect(run.status).toBe('completed');
    for (const agent of ['qa/checker', 'checker', 'Checker']) {
      expect((await genie.listSessions({ agent })).map((s) => s.sessionId)).toEqual([run.sessionId]);
    }
  });

  it('refuses an agent filter that names several agents instead of listing none', async () => {
    const agent = '---\ngenie:\n  executor: command\n  runArgs: [bash, -c, "{prompt}"]\n---\n';
    const genie = await openTestGenie(makeWorkspace({ 'agents/a/helper.md': agent, 'agents/b/helper.md': agent }));
    const run = await genie.run({ agent: 'a/helper', prompt: 'true', background: false });
    await expect(genie.listSessions({ agent: 'helper' })).rejects.toMatchObject({ code: 'AGENT_AMBIGUOUS', message: expect.stringContaining('a/helper, b/helper') });
    expect((await genie.listSessions({ agent: 'a/helper' })).map((s) => s.sessionId)).toEqual([run.sessionId]);
  });
});
