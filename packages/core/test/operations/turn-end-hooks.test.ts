import fs from 'node:fs';
import path from 'node:path';
import { waitUntilGone } from '../../../../tooling/process-gone';
import { openGenie, type Genie } from '../../src/index';
import { makeTempDir, makeWorkspace, removeTempDirs, writeFiles } from '../helpers/temp-workspace';
import { doublesEnv } from '../helpers/test-genie';

const opened: Genie[] = [];
afterAll(async () => {
  for (const genie of opened) await genie.close();
  removeTempDirs();
});

/** A hook that keeps what it was given: stdin in `<out>.json`, its environment's session variables in `<out>.env`. */
const RECORDER = '#!/bin/sh\ncat > "$1.json"\necho "$GENIE_SESSION_ID $GENIE_STATUS" > "$1.env"\n';

function executable(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o755 });
}

async function open(workspace: string, env: NodeJS.ProcessEnv = doublesEnv()): Promise<Genie> {
  const genie = await openGenie({ cwd: workspace, env });
  opened.push(genie);
  return genie;
}

function hooksConfig(timeoutMs: number, hooks: string[][]): string {
  return `hooks:\n  timeoutMs: ${timeoutMs}\n  turnEnd:\n${hooks.map((argv) => `    - ${JSON.stringify(argv)}\n`).join('')}`;
}

describe('hooks when a turn ends', () => {
  it('runs each hook with the session on stdin and GENIE_SESSION_ID / GENIE_STATUS in its environment', async () => {
    const workspace = makeWorkspace();
    executable(path.join(workspace, 'hooks/record.sh'), RECORDER);
    writeFiles(workspace, { '.genie/config.yaml': hooksConfig(10_000, [['./hooks/record.sh', 'seen']]) });
    const genie = await open(workspace);
    const run = await genie.run({ agent: 'shell', prompt: 'echo done', background: false });
    const seen = JSON.parse(fs.readFileSync(path.join(workspace, 'seen.json'), 'utf8'));
    expect(seen).toMatchObject({ sessionId: run.sessionId, status: 'completed', answer: 'done' });
    expect(fs.readFileSync(path.join(workspace, 'seen.env'), 'utf8')).toBe(`${run.sessionId} completed\n`);
    expect(run.hookFailures).toEqual([]);
  });

  it('records a failing and a hanging hook without changing the outcome, and runs the hooks after them', async () => {
    const workspace = makeWorkspace();
    executable(path.join(workspace, 'hooks/record.sh'), RECORDER);
    const pidFile = path.join(workspace, 'hang.pid');
    const hanging = ['sh', '-c', `echo $$ > ${pidFile}; exec sleep 60`];
    writeFiles(workspace, {
      '.genie/config.yaml': hooksConfig(1_000, [['sh', '-c', 'echo broken >&2; exit 3'], hanging, ['./hooks/record.sh', 'after']]),
    });
    const genie = await open(workspace);
    const run = await genie.run({ agent: 'shell', prompt: 'echo fine', background: false });
    expect(run.status).toBe('completed');
    expect(run.answer).toBe('fine');
    expect(run.hookFailures).toEqual([
      expect.objectContaining({ turn: 1, command: ['sh', '-c', 'echo broken >&2; exit 3'], error: 'exited with code 3: broken' }),
      expect.objectContaining({ turn: 1, command: hanging, error: 'timed out after 1000 ms and was killed' }),
    ]);
    // The hanging hook's process was ended, and the hook after it still ran.
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(await waitUntilGone(pid, 10_000)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(workspace, 'after.json'), 'utf8'))).toMatchObject({ status: 'completed' });
    const viewed = await genie.view({ session: run.sessionId });
    expect(viewed).toMatchObject({ status: 'completed', answer: 'fine', hookFailures: run.hookFailures });
  });

  it('passes GENIE_STATUS failed for a failed turn and keeps it failed', async () => {
    const workspace = makeWorkspace();
    executable(path.join(workspace, 'hooks/record.sh'), RECORDER);
    writeFiles(workspace, { '.genie/config.yaml': hooksConfig(10_000, [['./hooks/record.sh', 'seen']]) });
    const genie = await open(workspace);
    const run = await genie.run({ agent: 'shell', prompt: 'exit 4', background: false });
    expect(run.status).toBe('failed');
    expect(fs.readFileSync(path.join(workspace, 'seen.env'), 'utf8')).toBe(`${run.sessionId} failed\n`);
  });

  it('notifies through notify-send when it is on PATH', async () => {
    const workspace = makeWorkspace();
    const bin = makeTempDir('genie-notifier-');
    const argsFile = path.join(bin, 'args');
    executable(path.join(bin, 'notify-send'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${argsFile}\n`);
    const env = doublesEnv();
    const genie = await open(workspace, { ...env, PATH: `${bin}${path.delimiter}${env.PATH}` });
    const run = await genie.run({ agent: 'shell', prompt: 'echo notified', name: 'pinged', notify: true, background: false });
    expect(run.hookFailures).toEqual([]);
    expect(fs.readFileSync(argsFile, 'utf8')).toBe('--app-name=genie\ngenie: pinged completed\nnotified\n');
  });

  it('skips the notification silently where there is no notifier', async () => {
    const workspace = makeWorkspace();
    const env = doublesEnv();
    const withoutNotifier = (env.PATH ?? '')
      .split(path.delimiter)
      .filter((dir) => !fs.existsSync(path.join(dir, 'notify-send')) && !fs.existsSync(path.join(dir, 'osascript')))
      .join(path.delimiter);
    const genie = await open(workspace, { ...env, PATH: withoutNotifier });
    const run = await genie.run({ agent: 'shell', prompt: 'echo quiet', notify: true, background: false });
    expect(run).toMatchObject({ status: 'completed', answer: 'quiet', hookFailures: [] });
  });
});
