import path from 'node:path';
import { binDir } from '@genie/test-doubles';
import { openGenie, type Genie } from '../../src/index';
import { ISOLATED_ENV, makeTempDir } from './temp-workspace';

const opened: Genie[] = [];

/** Environment whose PATH finds the strict claude/codex doubles first, with their state in temp dirs. */
export function doublesEnv(): NodeJS.ProcessEnv {
  const home = makeTempDir('genie-core-home-');
  return {
    ...process.env,
    // The shell agent runs `bash -lc`: a HOME of our own keeps the user's profile out of the
    // tests, and with it whatever the profile runs (a version manager's rehash waits up to a
    // minute for a lock that another process on a busy machine holds).
    HOME: home,
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    CLAUDE_CONFIG_DIR: path.join(home, 'claude'),
    CODEX_HOME: path.join(home, 'codex'),
    GENIE_WORKSPACE: '',
    ...ISOLATED_ENV,
  };
}

/** Opens genie on `cwd` with the doubles on PATH; closeTestGenies() stops what it started. */
export async function openTestGenie(cwd: string, warnings: string[] = []): Promise<Genie> {
  const genie = await openGenie({ cwd, env: doublesEnv(), onWarning: (message) => warnings.push(message) });
  opened.push(genie);
  return genie;
}

/** Stops every session still active in the opened workspaces, then closes them. */
export async function closeTestGenies(): Promise<void> {
  for (const genie of opened.splice(0)) {
    // A test may leave its store unreadable on purpose; it then holds no running session.
    const active = await genie.listSessions({ status: ['starting', 'running'] }).catch(() => []);
    for (const session of active) await genie.stop({ session: session.sessionId });
    await genie.close();
  }
}
