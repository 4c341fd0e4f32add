import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The path of a Node binary of another major version, installed once from the npm registry
 * (the `node-<platform>-<arch>` packages ship the official binary) into a cache directory.
 */
export function otherNodeBinary(major: number): string {
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = join(tmpdir(), `genie-test-node-${major}`);
  const binary = join(prefix, 'node_modules', pkg, 'bin', 'node');
  if (!existsSync(binary)) {
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `${pkg}@${major}`], { stdio: 'ignore' });
  }
  return binary;
}
