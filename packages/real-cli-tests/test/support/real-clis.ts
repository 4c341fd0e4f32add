import fs from 'node:fs';
import path from 'node:path';

/**
 * The real agent CLIs under test: the versions pinned in this package's devDependencies, or
 * the user's own through GENIE_REAL_CLAUDE / GENIE_REAL_CODEX (paths of the binaries).
 */
export function realCliPaths(): { claude: string; codex: string } {
  return {
    claude: fromEnv('GENIE_REAL_CLAUDE') ?? path.join(path.dirname(require.resolve('@anthropic-ai/claude-code/package.json')), 'bin', 'claude.exe'),
    codex: fromEnv('GENIE_REAL_CODEX') ?? require.resolve('@openai/codex/bin/codex.js'),
  };
}

function fromEnv(name: string): string | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  if (!fs.existsSync(value)) throw new Error(`${name}=${value}: no such file; point it at the binary to test, or unset it to test the pinned version.`);
  return path.resolve(value);
}

/** A directory holding `claude` and `codex` links to the real binaries, to put first on PATH. */
export function linkRealClis(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, target] of Object.entries(realCliPaths())) fs.symlinkSync(target, path.join(dir, name));
  return dir;
}
