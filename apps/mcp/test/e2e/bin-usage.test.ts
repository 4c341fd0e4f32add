import { spawnSync } from 'node:child_process';
import { BIN } from '../helpers/server-process';

function genieMcp(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: '' });
}

describe('genie-mcp usage (it serves nothing, so stdout is free for what was asked)', () => {
  it('prints --help on stdout and exits 0', () => {
    const result = genieMcp(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: genie-mcp');
    expect(result.stdout).toContain('--allowed-host');
  });

  it('prints --version on stdout and exits 0', () => {
    const result = genieMcp(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([[['--bogus']], [['--port']]])('refuses %j as a usage error (exit 2) and points to --help', (args) => {
    const result = genieMcp(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('genie-mcp --help');
  });
});
