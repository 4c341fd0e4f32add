import { describeResult, parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

const RUNS = 50;

// The predecessor kept 1 to 4 sessions out of 20 concurrent runs, and every process exited 0.
describe(`${RUNS} concurrent \`genie run --background\` processes`, () => {
  const workspace = new TestWorkspace();
  let started: SessionJson[] = [];

  beforeAll(async () => {
    const results = await Promise.all(
      Array.from({ length: RUNS }, (_, index) => workspace.genie(['run', 'shell', `echo run ${index}`, '--background', '--json'])),
    );
    for (const result of results) {
      if (result.code !== 0) throw new Error(`a concurrent run failed:\n${describeResult(result)}`);
    }
    started = results.map((result) => parseJsonDocument<SessionJson>(result));
    // Wait for every turn to end before asserting and cleaning up.
    for (const session of started) await workspace.settled(session.sessionId);
  }, 300_000);

  it('each got its own session id and name', () => {
    expect(new Set(started.map((session) => session.sessionId)).size).toBe(RUNS);
    expect(new Set(started.map((session) => session.name)).size).toBe(RUNS);
  });

  it(`leave ${RUNS} sessions in the store, all completed`, async () => {
    expect(Object.keys(workspace.readStore().sessions)).toHaveLength(RUNS);
    const { sessions } = await workspace.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(sessions).toHaveLength(RUNS);
    expect(new Set(sessions.map((session) => session.status))).toEqual(new Set(['completed']));
    expect(new Set(sessions.map((session) => session.lastPrompt))).toEqual(
      new Set(Array.from({ length: RUNS }, (_, index) => `echo run ${index}`)),
    );
  });
});
