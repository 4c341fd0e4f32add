import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { makeWorkspace, removeTempDirs } from './helpers/temp-workspace';

const { assertFreshBuild } = require('../../../tooling/assert-fresh-build') as {
  assertFreshBuild: (packageDir: string, distFile: string) => void;
};

afterAll(removeTempDirs);

const PACKAGE_DIR = path.resolve(__dirname, '..');

/**
 * Users load the built package, not src: each format runs in its own node process that
 * imports `@genie/core` by name (through package.json `exports`), opens a workspace with
 * a config file and an agent file (so the YAML parser really runs), and prints what it read.
 */
const PROGRAM = `
const genie = await openGenie({ cwd: process.env.TEST_WORKSPACE, env: { ...process.env, GENIE_WORKSPACE: '' } });
const agents = (await genie.listAgents()).map((agent) => agent.id + ':' + agent.executor);
process.stdout.write(JSON.stringify({ defaults: genie.config.defaults, agents, shellAgentId: SHELL_AGENT_ID }));
await genie.close();
`;

function runBuilt(format: 'esm' | 'cjs', workspace: string): unknown {
  const args = format === 'esm'
    ? ['--input-type=module', '-e', `import { openGenie, SHELL_AGENT_ID } from '@genie/core';\n${PROGRAM}`]
    : ['-e', `const { openGenie, SHELL_AGENT_ID } = require('@genie/core');\n(async () => {${PROGRAM}})();`];
  const stdout = execFileSync(process.execPath, args, {
    cwd: PACKAGE_DIR,
    env: { ...process.env, TEST_WORKSPACE: workspace },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(stdout);
}

describe('the built package', () => {
  beforeAll(() => {
    assertFreshBuild(PACKAGE_DIR, 'dist/index.mjs');
    assertFreshBuild(PACKAGE_DIR, 'dist/index.js');
  });

  const workspaceFiles = {
    'config.yaml': 'defaults:\n  executor: codex\n  background: false\n',
    'agents/reviewer.md': '---\nname: Reviewer\ngenie:\n  executor: claude\n---\nReview the change.\n',
  };
  const expected = {
    defaults: { executor: 'codex', background: false },
    agents: ['reviewer:claude', 'shell:command'],
    shellAgentId: 'shell',
  };

  it.each(['esm', 'cjs'] as const)('reads config and agents when loaded as %s', (format) => {
    expect(runBuilt(format, makeWorkspace(workspaceFiles))).toEqual(expected);
  });
});
