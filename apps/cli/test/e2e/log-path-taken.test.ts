import fs from 'node:fs';
import path from 'node:path';
import { parseJsonDocument } from './support/genie-process';
import { cleanUpWorkspaces, TestWorkspace, type SessionJson } from './support/workspace';

afterAll(() => cleanUpWorkspaces());

describe('a resume whose event log cannot be used', () => {
  it('is refused before anything is recorded when a directory stands where the log belongs, and runs once it is moved away', async () => {
    const workspace = new TestWorkspace();
    const session = await workspace.json(['run', 'shell', 'echo first', '--no-background', '--name', 'taken']);
    const log = session.logFile as string;
    fs.renameSync(log, `${log}.saved`);
    fs.mkdirSync(log);

    for (const mode of ['--no-background', '--background']) {
      const refused = await workspace.genie(['resume', 'taken', 'echo second', mode, '--json']);
      expect(refused.code).toBe(4);
      const { error } = parseJsonDocument<{ error: { code: string; message: string; hint: string } }>(refused);
      expect(error.code).toBe('STORE_IO');
      expect(error.message).toContain('No turn was started');
      expect(error.hint).toContain('directory');
    }
    // Refused means nothing happened: the record still shows the first turn.
    expect(await workspace.json(['list', 'sessions'])).toMatchObject({ sessions: [{ name: 'taken', status: 'completed', turns: 1, lastPrompt: 'echo first' }] });

    fs.rmdirSync(log);
    fs.renameSync(`${log}.saved`, log);
    expect(await workspace.json(['resume', 'taken', 'echo second', '--no-background'])).toMatchObject({ status: 'completed', turns: 2, answer: 'second' });
  });

  it('reports a turn that started and failed for want of a log directory as failed, never as an error after the fact', async () => {
    const workspace = new TestWorkspace();
    const first = await workspace.json(['run', 'shell', 'echo first', '--no-background', '--name', 'no-dir']);
    const logsDir = path.dirname(first.logFile as string);
    fs.rmSync(logsDir, { recursive: true });
    fs.writeFileSync(logsDir, '');

    for (const [mode, turns] of [['--no-background', 2], ['--background', 3]] as const) {
      const resumed = await workspace.genie(['resume', 'no-dir', 'echo second', mode, '--json']);
      // The turn was claimed and its failure recorded: the command says so (exit 1), with the record's reason.
      expect(resumed.code).toBe(1);
      expect(parseJsonDocument<SessionJson>(resumed)).toMatchObject({ status: 'failed', turns, error: expect.stringContaining(logsDir) });
    }
    const fresh = await workspace.genie(['run', 'shell', 'echo new', '--name', 'fresh', '--json']);
    expect(fresh.code).toBe(1);
    expect(parseJsonDocument<SessionJson>(fresh)).toMatchObject({ name: 'fresh', status: 'failed', turns: 1 });
  });
});
