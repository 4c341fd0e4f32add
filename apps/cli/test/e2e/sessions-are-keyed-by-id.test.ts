import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

// The predecessor kept one session per agent name, so a second run overwrote the first.
describe('six runs of three agents', () => {
  const workspace = new TestWorkspace();
  workspace.writeAgent('claude-agent', 'claude');
  workspace.writeAgent('codex-agent', 'codex');
  const started: SessionJson[] = [];

  beforeAll(async () => {
    for (const agent of ['shell', 'claude-agent', 'codex-agent']) {
      for (const round of [1, 2]) {
        const prompt = agent === 'shell' ? `echo round ${round}` : `remember round ${round}`;
        started.push(await workspace.json(['run', agent, prompt, '--no-background']));
      }
    }
  });

  it('give six unique session ids', () => {
    const ids = started.map((session) => session.sessionId);
    expect(new Set(ids).size).toBe(6);
    expect(started.every((session) => session.status === 'completed')).toBe(true);
  });

  it('leave sessions.json keyed by those ids (`jq ".sessions | keys"`)', () => {
    const store = workspace.readStore();
    expect(store.version).toBe(2);
    expect(Object.keys(store.sessions).sort()).toEqual(started.map((session) => session.sessionId).sort());
    for (const [key, entry] of Object.entries(store.sessions)) expect(entry.sessionId).toBe(key);
  });

  it('are all listed, newest first, with unique default names', async () => {
    const { sessions } = await workspace.json<{ sessions: SessionJson[] }>(['list', 'sessions']);
    expect(sessions.map((session) => session.sessionId)).toEqual(started.map((session) => session.sessionId).reverse());
    expect(new Set(sessions.map((session) => session.name)).size).toBe(6);
  });

  it('filter by agent and limit', async () => {
    const { sessions } = await workspace.json<{ sessions: SessionJson[] }>(['list', 'sessions', '--agent', 'codex-agent', '--limit', '1']);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.sessionId).toBe(started[5]?.sessionId);
  });

  it('each resolve by a unique 8-character id prefix', async () => {
    const target = started[2] as SessionJson;
    const view = await workspace.json(['view', target.sessionId.slice(0, 8)]);
    expect(view.sessionId).toBe(target.sessionId);
  });
});
