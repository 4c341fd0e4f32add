import path from 'node:path';
import { openGenie } from '../src/index';
import { makeTempDir, makeWorkspace, removeTempDirs } from './helpers/temp-workspace';
import { closeTestGenies, openTestGenie } from './helpers/test-genie';

afterAll(removeTempDirs);

describe('openGenie', () => {
  it('opens the nearest workspace and applies its config', async () => {
    const root = makeWorkspace({ 'config.yaml': 'defaults:\n  executor: codex\n', 'agents/a.md': 'x' });
    const genie = await openGenie({ cwd: path.join(root, '.genie'), env: {} });
    expect(genie.workspace).toBe(root);
    expect(genie.config.defaults.executor).toBe('codex');
    const agents = await genie.listAgents();
    expect(agents).toEqual([
      { id: 'a', name: 'a', description: null, executor: 'codex', model: null, builtin: false, hidden: false, file: path.join(root, '.genie', 'agents', 'a.md') },
      {
        id: 'shell', name: 'shell', description: expect.stringContaining('bash'), executor: 'command', model: null,
        builtin: true, hidden: false, file: null,
      },
    ]);
    await genie.close();
  });

  it('fails with CONFIG_INVALID before touching anything when the config is bad', async () => {
    const root = makeWorkspace({ 'config.yaml': 'stop:\n  grace: 1\n' });
    await expect(openGenie({ cwd: root, env: {} })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('refuses a start directory that does not exist', async () => {
    const missing = path.join(makeTempDir(), 'missing');
    await expect(openGenie({ cwd: missing, env: {} })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(missing) });
  });

  it('refuses a GENIE_WORKSPACE that does not exist instead of creating state there', async () => {
    const missing = path.join(makeTempDir(), 'typo');
    await expect(openGenie({ cwd: makeTempDir(), env: { GENIE_WORKSPACE: missing } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(`GENIE_WORKSPACE names ${missing}`),
    });
  });

  it('lets GENIE_WORKSPACE choose the workspace', async () => {
    const root = makeWorkspace();
    const genie = await openGenie({ cwd: makeTempDir(), env: { GENIE_WORKSPACE: root } });
    expect(genie.workspace).toBe(root);
  });

  it('creates .genie/ with init, reporting created and skipped files', async () => {
    const dir = makeTempDir();
    const genie = await openGenie({ cwd: dir, env: {} });
    const first = await genie.init();
    expect(first.created).toHaveLength(3);
    const second = await genie.init();
    expect(second.created).toEqual([]);
    expect(second.skipped).toHaveLength(3);
    const agents = await (await openGenie({ cwd: dir, env: {} })).listAgents();
    expect(agents.map((agent) => agent.id)).toEqual(['claude-helper', 'codex-helper', 'shell']);
  });
});

describe('a workspace with one broken agent file', () => {
  afterAll(closeTestGenies);

  it('still lists, runs and resumes the other agents, warns once, and fails only for that agent', async () => {
    const root = makeWorkspace({
      'agents/broken.md': '---\nname: [broken\n---\n',
      'agents/notes.md': '# Notes\n\nKeep notes.\n\n---\n\nMore notes.\n',
    });
    const warnings: string[] = [];
    const genie = await openTestGenie(root, warnings);
    expect((await genie.listAgents()).map((agent) => agent.id)).toEqual(['notes', 'shell']);
    const run = await genie.run({ agent: 'shell', prompt: 'echo one', background: false });
    expect(run.status).toBe('completed');
    const resumed = await genie.resume({ session: run.sessionId, prompt: 'echo two', background: false });
    expect([resumed.status, resumed.turns]).toEqual(['completed', 2]);
    expect(warnings).toEqual([expect.stringContaining(path.join(root, '.genie', 'agents', 'broken.md'))]);
    expect(warnings[0]).toContain('YAML syntax error');
    await expect(genie.run({ agent: 'broken', prompt: 'x', background: false })).rejects.toMatchObject({
      code: 'AGENT_INVALID',
      message: expect.stringContaining('broken.md'),
    });
  });
});
