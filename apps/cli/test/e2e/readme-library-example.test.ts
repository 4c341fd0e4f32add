import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanUpWorkspaces, TestWorkspace } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

const REPO = path.resolve(__dirname, '../../../..');

/** The code block of the README's "The library" section, exactly as a reader copies it. */
function libraryExample(): string {
  const text = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const code = /^## The library\n[\s\S]*?```ts\n([\s\S]*?)```/m.exec(text)?.[1];
  if (!code) throw new Error('README.md has no ts code block under "## The library"');
  return code;
}

function runNode(file: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the README library example', () => {
  it('runs as written against the built @genie/core and prints what the README says', async () => {
    const workspace = new TestWorkspace();
    workspace.writeAgent('reviewer', 'claude');
    // A project of the reader's own, with @genie/core installed in its node_modules.
    const project = path.dirname(workspace.dir);
    fs.mkdirSync(path.join(project, 'node_modules', '@genie'), { recursive: true });
    fs.symlinkSync(path.join(REPO, 'packages', 'core'), path.join(project, 'node_modules', '@genie', 'core'), 'dir');
    const example = libraryExample();
    expect(example).toContain("'/path/to/project'");
    const file = path.join(project, 'example.mjs');
    fs.writeFileSync(file, example.replace("'/path/to/project'", JSON.stringify(workspace.dir)));

    const result = await runNode(file, project, workspace.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^[0-9a-f-]{36} reviewer-\d{10} starting$/);
    // Streamed by `wait`'s onEvent: the agent's message.
    expect(lines[1]).toBe('Done: review the last commit');
    expect(lines[2]).toBe('completed Done: review the last commit {');
    expect(result.stdout).toMatch(/costUsd: [\d.]+/);
    expect(lines.at(-1)).toBe('} 1');

    const listed = await workspace.json<{ sessions: Array<{ sessionId: string; status: string }> }>(['list', 'sessions']);
    expect(listed.sessions).toEqual([expect.objectContaining({ sessionId: lines[0]?.split(' ')[0], status: 'completed' })]);
  });
});
