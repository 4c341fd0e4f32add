import path from 'node:path';
import { GenieError } from '@genie/errors';
import { loadConfig } from '../../src/config/load-config';
import { makeWorkspace, removeTempDirs } from '../helpers/temp-workspace';

afterAll(removeTempDirs);

function configFile(text: string): string {
  return path.join(makeWorkspace({ 'config.yaml': text }), '.genie', 'config.yaml');
}

function errorOf(fn: () => unknown): GenieError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GenieError) return error;
    throw error;
  }
  throw new Error('expected a GenieError');
}

describe('loadConfig', () => {
  it('applies the defaults when the file does not exist', () => {
    const config = loadConfig(path.join(makeWorkspace(), '.genie', 'config.yaml'));
    expect(config).toEqual({
      defaults: { executor: 'claude', background: true },
      executors: {},
      modes: {},
      storage: { adapter: 'json' },
      stop: { graceMs: 5000 },
      hangGuard: { ms: 30000 },
      hooks: { turnEnd: [], timeoutMs: 30000 },
      mcp: { allowShell: false },
    });
  });

  it('reads turn-end hooks as argv, a single word being a program without arguments, and defaults.worktree', () => {
    const config = loadConfig(
      configFile(['defaults:', '  worktree: true', 'hooks:', '  timeoutMs: 2000', '  turnEnd:', '    - ./notify.sh', '    - [curl, -sf, "https://example.invalid/done"]', ''].join('\n')),
    );
    expect(config.defaults.worktree).toBe(true);
    expect(config.hooks).toEqual({ timeoutMs: 2000, turnEnd: [['./notify.sh'], ['curl', '-sf', 'https://example.invalid/done']] });
  });

  it('refuses a hook that is an empty argv', () => {
    expect(() => loadConfig(configFile('hooks:\n  turnEnd:\n    - []\n'))).toThrow(/hooks\.turnEnd/);
  });

  it('treats an empty or comment-only file as the defaults', () => {
    expect(loadConfig(configFile('# nothing yet\n')).defaults.executor).toBe('claude');
  });

  it('reads every section and keeps defaults for the keys it leaves out', () => {
    const config = loadConfig(
      configFile(
        [
          'defaults:',
          '  executor: codex',
          'executors:',
          '  claude:',
          '    binary: /opt/claude',
          '    extraArgs: ["--add-dir", "/tmp"]',
          '  gemini:',
          '    runArgs: [gemini, -p, "{prompt}"]',
          'modes:',
          '  careful:',
          '    model: opus',
          '    permissionMode: plan',
          'stop:',
          '  graceMs: 100',
          'mcp:',
          '  allowShell: true',
        ].join('\n'),
      ),
    );
    expect(config.defaults).toEqual({ executor: 'codex', background: true });
    expect(config.executors.claude).toEqual({ binary: '/opt/claude', extraArgs: ['--add-dir', '/tmp'] });
    expect(config.executors.gemini?.runArgs).toEqual(['gemini', '-p', '{prompt}']);
    expect(config.modes.careful).toEqual({ model: 'opus', permissionMode: 'plan' });
    expect(config.stop.graceMs).toBe(100);
    expect(config.hangGuard.ms).toBe(30000);
    expect(config.mcp.allowShell).toBe(true);
  });

  it('names the file, the line and the problem for a YAML syntax error', () => {
    const file = configFile('defaults:\n  executor: [claude\n');
    const error = errorOf(() => loadConfig(file));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/line \d+/);
    expect(error.message).toContain('YAML');
  });

  it('answers CONFIG_INVALID naming the file for an alias bomb, instead of failing inside the YAML library', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]'];
    const file = configFile(`defaults:\n  executor: claude\nmodes:\n  bomb:\n${bomb.map((line) => `    ${line}\n`).join('')}`);
    const error = errorOf(() => loadConfig(file));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(file);
    expect(error.message).toContain('cannot be expanded');
  });

  it('names the key path and line of a wrong type', () => {
    const file = configFile('defaults:\n  executor: claude\nstop:\n  graceMs: soon\n');
    const error = errorOf(() => loadConfig(file));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain(file);
    expect(error.message).toContain('stop.graceMs (line 4)');
    expect(error.message).toContain('must be integer');
  });

  it('refuses an unknown key and suggests the one that was meant', () => {
    const file = configFile('defaults:\n  backgroud: false\n');
    const error = errorOf(() => loadConfig(file));
    expect(error.message).toContain('defaults.backgroud');
    expect(error.message).toContain('unknown key "backgroud"');
    expect(error.hint).toContain('Did you mean "background"?');
  });

  it('refuses an unknown storage adapter, listing the allowed ones', () => {
    const error = errorOf(() => loadConfig(configFile('storage:\n  adapter: sqlite\n')));
    expect(error.message).toContain('storage.adapter');
    expect(error.message).toContain('"json", "memory"');
  });

  it('refuses a default mode that is not defined', () => {
    const error = errorOf(() => loadConfig(configFile('defaults:\n  mode: fast\n')));
    expect(error.message).toContain('defaults.mode');
    expect(error.message).toContain('"fast"');
  });

  it('refuses a custom executor without runArgs, and executors nobody defined', () => {
    const custom = errorOf(() => loadConfig(configFile('executors:\n  gemini:\n    binary: gemini\n')));
    expect(custom.message).toContain('executors.gemini');
    expect(custom.message).toContain('needs runArgs');
    const unknown = errorOf(() => loadConfig(configFile('defaults:\n  executor: gpt\n')));
    expect(unknown.message).toContain('defaults.executor');
    expect(unknown.hint).toContain('claude, codex, command');
    const inMode = errorOf(() => loadConfig(configFile('modes:\n  fast:\n    executor: gemini\n')));
    expect(inMode.message).toContain('modes.fast.executor');
    const defined = loadConfig(configFile('executors:\n  gemini:\n    runArgs: [gemini, "{prompt}"]\ndefaults:\n  executor: gemini\n'));
    expect(defined.defaults.executor).toBe('gemini');
  });

  it('refuses a top level that is not a mapping', () => {
    const error = errorOf(() => loadConfig(configFile('- a\n- b\n')));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('mapping');
  });
});
