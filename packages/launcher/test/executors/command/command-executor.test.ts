import { commandExecutor } from '../../../src/executors/command/command-executor';
import type { TurnRequest } from '../../../src/executors/executor';

const request = (overrides: Partial<TurnRequest> = {}): TurnRequest => ({
  sessionId: 'sess-1',
  resume: false,
  prompt: 'fix "the" bug; rm -rf $HOME',
  cwd: '/work/repo',
  settings: { runArgs: ['my-agent', '--prompt', '{prompt}', '--session={sessionId}', '--cwd', '{cwd}'] },
  ...overrides,
});

describe('commandExecutor', () => {
  it('substitutes placeholders inside argv elements without any shell interpretation', () => {
    expect(commandExecutor.buildCommand(request())).toEqual({
      command: 'my-agent',
      args: ['--prompt', 'fix "the" bug; rm -rf $HOME', '--session=sess-1', '--cwd', '/work/repo'],
    });
  });

  it('uses resumeArgs for later turns, with the native id and the instructions file', () => {
    const settings = { runArgs: ['a', '{prompt}'], resumeArgs: ['a', 'resume', '{executorSessionId}', '--system', '{instructionsFile}', '{prompt}'] };
    expect(
      commandExecutor.buildCommand(request({ resume: true, executorSessionId: 'native-9', instructionsFile: '/tmp/i.md', settings, prompt: '$1' })),
    ).toEqual({ command: 'a', args: ['resume', 'native-9', '--system', '/tmp/i.md', '$1'] });
    expect(commandExecutor.buildCommand(request({ resume: true, settings: { runArgs: ['a', '{prompt}'] }, prompt: 'p' })).args).toEqual(['p']);
  });

  it('lets binary replace the program and puts extraArgs right after it', () => {
    const settings = { runArgs: ['agent', '{prompt}'], binary: '/opt/agent-2', extraArgs: ['--fast'] };
    expect(commandExecutor.buildCommand(request({ settings, prompt: '-v' }))).toEqual({ command: '/opt/agent-2', args: ['--fast', '-v'] });
  });

  it('refuses to run without runArgs, saying what to configure', () => {
    expect(() => commandExecutor.buildCommand(request({ settings: {} }))).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    // An agent's front matter has no runArgs: the hint points to where they can be set.
    expect(() => commandExecutor.buildCommand(request({ settings: {} }))).toThrow(
      expect.objectContaining({ hint: expect.stringContaining('executors.command in .genie/config.yaml') }),
    );
  });

  it('turns every line into an output event of its stream', () => {
    expect(commandExecutor.parseLine('{"type":"result"}', 'stdout')).toEqual([{ type: 'output', text: '{"type":"result"}', stream: 'stdout' }]);
    expect(commandExecutor.parseLine('warning', 'stderr')).toEqual([{ type: 'output', text: 'warning', stream: 'stderr' }]);
  });

  it('detects whether the program is on PATH', async () => {
    await expect(commandExecutor.detect({ runArgs: ['bash', '-c', '{prompt}'] })).resolves.toMatchObject({ installed: true, command: 'bash' });
    await expect(commandExecutor.detect({ runArgs: ['genie-no-such-agent'] })).resolves.toMatchObject({ installed: false });
  });
});
