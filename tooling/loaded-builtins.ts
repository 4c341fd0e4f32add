import { execFileSync } from 'node:child_process';

export type ModuleFormat = 'cjs' | 'esm';

/**
 * The public node builtins (`fs`, `readline`, ...) a fresh node process has loaded once
 * it has loaded `packageName` by name, as an application would (through the package's
 * `exports`, from `cwd`). Every builtin a package loads at start-up is paid by every
 * command that uses it, so tests use this to keep rarely needed ones lazy.
 */
export function builtinsLoadedBy(packageName: string, format: ModuleFormat, cwd: string): string[] {
  // The list is taken before process.stdout is first touched: creating it loads builtins too.
  const report = 'const loaded = JSON.stringify(process.moduleLoadList);\nprocess.stdout.write(loaded);';
  const args =
    format === 'esm'
      ? ['--input-type=module', '-e', `await import(${JSON.stringify(packageName)});\n${report}`]
      : ['-e', `require(${JSON.stringify(packageName)});\n${report}`];
  const loaded = JSON.parse(execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as string[];
  return loaded
    .filter((entry) => entry.startsWith('NativeModule ') && !entry.startsWith('NativeModule internal/'))
    .map((entry) => entry.slice('NativeModule '.length));
}
