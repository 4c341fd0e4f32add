import type { JsonStorageSpec } from '@genie/storage';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { eventually, LaunchFixture } from '../helpers/launch-fixture';

// The caller is a separate process using the built package, as the CLI is. It starts a
// background turn and exits; then its whole process group is killed, the way a closed
// terminal would. The supervisor, in its own session, must carry the turn to its end.
const CALLER = `
const { openJsonStorage } = require(process.env.STORAGE_MODULE);
const { startBackgroundTurn } = require(process.env.LAUNCHER_MODULE);
const [file, logsDir, sessionId, cwd] = process.argv.slice(1);
const storage = openJsonStorage(file);
startBackgroundTurn({ storage, storageSpec: { kind: 'json', file }, logsDir }, {
  sessionId, executor: 'command', prompt: 'p', cwd,
  settings: { runArgs: ['bash', '-c', 'sleep 1; echo survived'] },
}).then((entry) => { process.stdout.write(entry.status); return storage.close(); });
`;

describe('a background turn outlives its caller', () => {
  let fixture: LaunchFixture;
  beforeAll(() => {
    fixture = new LaunchFixture();
  });
  afterAll(() => fixture.dispose());

  it('completes after the caller exited and its process group was killed', async () => {
    const session = await fixture.createSession();
    const spec = fixture.ctx.storageSpec as JsonStorageSpec;
    const caller = spawn(process.execPath, ['-e', CALLER, spec.file, fixture.ctx.logsDir, session.sessionId, fixture.dir], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        STORAGE_MODULE: path.join(__dirname, '../../../storage/dist/index.js'),
        LAUNCHER_MODULE: path.join(__dirname, '../../dist/index.js'),
      },
    });
    let output = '';
    caller.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await once(caller, 'exit');
    expect(['starting', 'running']).toContain(output);
    try {
      process.kill(-(caller.pid as number), 'SIGKILL');
    } catch {
      // The group may already be empty: the supervisor left it at spawn.
    }

    const finished = await eventually(async () => {
      const entry = await fixture.storage.get(session.sessionId);
      return entry?.status === 'completed' ? entry : undefined;
    }, 'the orphaned turn to complete');
    expect(finished.lastAnswer).toBe('survived');
  });
});
