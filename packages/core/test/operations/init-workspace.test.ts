import fs from 'node:fs';
import path from 'node:path';
import { AgentCatalog } from '../../src/agents/agent-catalog';
import { loadConfig } from '../../src/config/load-config';
import { DEFAULT_CONFIG } from '../../src/config/genie-config';
import { initWorkspace } from '../../src/operations/init-workspace';
import { workspacePaths } from '../../src/workspace/workspace-paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-workspace';

afterAll(removeTempDirs);

describe('initWorkspace', () => {
  it('creates a config that loads to the defaults and example agents for claude and codex', () => {
    const paths = workspacePaths(makeTempDir());
    const report = initWorkspace(paths);
    expect(report.workspace).toBe(paths.root);
    expect(report.skipped).toEqual([]);
    expect(report.created).toEqual([
      paths.configFile,
      path.join(paths.agentsDir, 'claude-helper.md'),
      path.join(paths.agentsDir, 'codex-helper.md'),
    ]);
    expect(loadConfig(paths.configFile)).toEqual({ ...DEFAULT_CONFIG, executors: { claude: {}, codex: {} } });
    const catalog = AgentCatalog.load(paths.agentsDir);
    expect(catalog.list().map((agent) => [agent.id, agent.executor])).toEqual([
      ['claude-helper', 'claude'],
      ['codex-helper', 'codex'],
      ['shell', 'command'],
    ]);
  });

  it('never overwrites existing files and reports them as skipped', () => {
    const paths = workspacePaths(makeTempDir());
    fs.mkdirSync(paths.genieDir, { recursive: true });
    fs.writeFileSync(paths.configFile, 'defaults:\n  executor: codex\n');
    const report = initWorkspace(paths);
    expect(report.skipped).toEqual([paths.configFile]);
    expect(report.created).toHaveLength(2);
    expect(fs.readFileSync(paths.configFile, 'utf8')).toBe('defaults:\n  executor: codex\n');
    expect(initWorkspace(paths).created).toEqual([]);
  });
});

describe('initWorkspace where it cannot write', () => {
  it('fails with STORE_IO naming the path when .genie is a file', () => {
    const root = makeTempDir();
    fs.writeFileSync(path.join(root, '.genie'), 'not a folder');
    const paths = workspacePaths(root);
    expect(() => initWorkspace(paths)).toThrow(expect.objectContaining({
      code: 'STORE_IO',
      message: expect.stringContaining(paths.agentsDir),
      hint: expect.stringContaining(paths.genieDir),
    }));
  });
});
