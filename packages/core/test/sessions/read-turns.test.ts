import fs from 'node:fs';
import { closeTestGenies, openTestGenie } from '../helpers/test-genie';
import { makeTempDir, removeTempDirs } from '../helpers/temp-workspace';

afterAll(async () => {
  await closeTestGenies();
  removeTempDirs();
});

/** A finished session whose event log was replaced by something that cannot be read as a file. */
async function sessionWithBrokenLog() {
  const genie = await openTestGenie(makeTempDir());
  const run = await genie.run({ agent: 'shell', prompt: 'echo hi', background: false });
  const logFile = run.logFile as string;
  fs.rmSync(logFile);
  fs.mkdirSync(logFile);
  return { genie, run, logFile };
}

describe('reading a session log that cannot be read', () => {
  it('makes view fail with STORE_IO naming the session and the log', async () => {
    const { genie, run, logFile } = await sessionWithBrokenLog();
    for (const full of [false, true]) {
      await expect(genie.view({ session: run.sessionId, full })).rejects.toMatchObject({
        code: 'STORE_IO',
        message: expect.stringContaining(`session ${run.name} (${logFile})`),
      });
    }
  });

  it('makes follow fail with STORE_IO', async () => {
    const { genie, run } = await sessionWithBrokenLog();
    const follow = async () => {
      for await (const _event of genie.follow({ session: run.sessionId })) {
        // Reading the log is what fails.
      }
    };
    await expect(follow()).rejects.toMatchObject({ code: 'STORE_IO' });
  });
});
