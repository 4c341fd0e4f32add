import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { binDir } from '@genie/test-doubles';

export interface TestWorkspace {
  dir: string;
  env: NodeJS.ProcessEnv;
  remove(): void;
}

const AGENTS: Record<string, string> = {
  'coder.md': ['---', 'name: coder', 'description: Writes code with Claude', 'genie:', '  executor: claude', '---', 'You write code.', ''].join('\n'),
  'qa/reviewer.md': ['---', 'name: reviewer', 'description: Reviews code with Codex', 'genie:', '  executor: codex', '---', 'You review code.', ''].join('\n'),
};

/**
 * A fresh workspace with a claude agent (`coder`) and a codex agent (`qa/reviewer`), and
 * an environment whose `claude` and `codex` are the test doubles, each with its own
 * empty state directory.
 */
export function createWorkspace(options: { allowShell?: boolean } = {}): TestWorkspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-mcp-'));
  const dir = path.join(root, 'workspace');
  for (const [file, text] of Object.entries(AGENTS)) {
    const target = path.join(dir, '.genie', 'agents', file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  if (options.allowShell) fs.writeFileSync(path.join(dir, '.genie', 'config.yaml'), 'mcp:\n  allowShell: true\n');
  const claudeHome = path.join(root, 'claude-home');
  const codexHome = path.join(root, 'codex-home');
  fs.mkdirSync(claudeHome);
  fs.mkdirSync(codexHome);
  const home = path.join(root, 'home');
  fs.mkdirSync(home);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The shell agent runs `bash -lc`: a HOME of our own keeps the user's login profile
    // (which may wait on a terminal or a lock) out of the tests.
    HOME: home,
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    CLAUDE_CONFIG_DIR: claudeHome,
    CODEX_HOME: codexHome,
  };
  delete env.GENIE_MCP_TOKEN;
  return { dir, env, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
