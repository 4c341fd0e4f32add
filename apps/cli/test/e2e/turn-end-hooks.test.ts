import fs from 'node:fs';
import path from 'node:path';
import { until } from './support/until';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

interface HookFailureJson {
  turn: number;
  command: string[];
  error: string;
}

function executable(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o755 });
}

describe('hooks when a turn ends (hooks.turnEnd, --notify)', () => {
  it('runs hooks from the detached runner; a failing or hanging hook is recorded and changes nothing', async () => {
    const workspace = new TestWorkspace();
    const seen = path.join(workspace.dir, 'seen');
    executable(path.join(workspace.dir, 'hooks', 'record.sh'), `#!/bin/sh\ncat > ${seen}.json\necho "$GENIE_SESSION_ID $GENIE_STATUS" > ${seen}.env\n`);
    fs.writeFileSync(
      path.join(workspace.dir, '.genie', 'config.yaml'),
      [
        'hooks:',
        '  timeoutMs: 1000',
        '  turnEnd:',
        '    - ["sh", "-c", "echo no luck >&2; exit 7"]',
        '    - ["sleep", "120"]',
        '    - ./hooks/record.sh',
        '',
      ].join('\n'),
    );
    const started = await workspace.json(['run', 'shell', 'echo all good', '--background']);
    const settled = await workspace.settled(started.sessionId);
    expect(settled).toMatchObject({ status: 'completed', answer: 'all good', exitCode: 0 });

    // The hooks run after the outcome is recorded; the last one tells when they are done.
    await until(async () => fs.existsSync(`${seen}.env`), Boolean);
    const viewed = await until(
      () => workspace.json<SessionJson>(['view', started.sessionId]),
      (view) => (view.hookFailures as HookFailureJson[]).length === 2,
    );
    expect(viewed).toMatchObject({ status: 'completed', answer: 'all good', exitCode: 0 });
    expect(viewed.hookFailures).toEqual([
      expect.objectContaining({ turn: 1, command: ['sh', '-c', 'echo no luck >&2; exit 7'], error: 'exited with code 7: no luck' }),
      expect.objectContaining({ turn: 1, command: ['sleep', '120'], error: 'timed out after 1000 ms and was killed' }),
    ]);
    expect(JSON.parse(fs.readFileSync(`${seen}.json`, 'utf8'))).toMatchObject({ sessionId: started.sessionId, status: 'completed' });
    expect(fs.readFileSync(`${seen}.env`, 'utf8')).toBe(`${started.sessionId} completed\n`);
    const text = await workspace.genie(['view', started.sessionId]);
    expect(text.stdout).toMatch(/hook\s+turn 1: sh -c echo no luck >&2; exit 7 exited with code 7: no luck/);
  });

  it('--notify calls notify-send where it is on PATH, and is silently skipped where there is no notifier', async () => {
    const workspace = new TestWorkspace();
    const bin = path.join(workspace.dir, 'bin');
    const argsFile = path.join(workspace.dir, 'notified');
    executable(path.join(bin, 'notify-send'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${argsFile}\n`);
    // No notifier anywhere on PATH for the first turn, whatever this machine has installed.
    workspace.env.PATH = (workspace.env.PATH ?? '')
      .split(path.delimiter)
      .filter((dir) => !fs.existsSync(path.join(dir, 'notify-send')) && !fs.existsSync(path.join(dir, 'osascript')))
      .join(path.delimiter);
    const withNotifier = { ...workspace.env, PATH: `${bin}${path.delimiter}${workspace.env.PATH}` };
    const run = await workspace.genie(['run', 'shell', 'echo ping', '--name', 'pinged', '--notify', '--no-background']);
    expect(run.code).toBe(0);
    expect(fs.existsSync(argsFile)).toBe(false);
    expect((await workspace.json<SessionJson>(['view', 'pinged'])).hookFailures).toEqual([]);

    const notified = await (async () => {
      const saved = workspace.env.PATH;
      workspace.env.PATH = withNotifier.PATH;
      try {
        return await workspace.genie(['resume', 'pinged', 'echo pong', '--no-background']);
      } finally {
        workspace.env.PATH = saved;
      }
    })();
    expect(notified.code).toBe(0);
    expect(fs.readFileSync(argsFile, 'utf8')).toBe('--app-name=genie\ngenie: pinged completed\npong\n');
    const view = await workspace.json<SessionJson>(['view', 'pinged']);
    expect(view.hookFailures).toEqual([]);
  });
});
