import { COMMAND_NAMES, compileCacheFlavor } from '../src/command-names';
import { buildParser } from '../src/parser';

describe('the command names the entry file knows', () => {
  it('are exactly the commands (and aliases) of the parser', () => {
    const parser = buildParser([], '0.0.0') as unknown as { getInternalMethods(): { getCommandInstance(): { getCommands(): string[] } } };
    const commands = parser.getInternalMethods().getCommandInstance().getCommands();
    expect([...COMMAND_NAMES].sort()).toEqual([...new Set(commands)].sort());
  });

  it('pick one code-cache entry per command, whatever comes before or after it', () => {
    expect(compileCacheFlavor(['run', 'shell', 'ls'])).toBe('run');
    expect(compileCacheFlavor(['--cwd', '/tmp/x', 'ls', 'sessions'])).toBe('list');
    expect(compileCacheFlavor(['list', 'agents'])).toBe('list');
    expect(compileCacheFlavor(['--help'])).toBe('other');
    expect(compileCacheFlavor(['nosuchcommand', 'a', 'b'])).toBe('other');
  });
});
