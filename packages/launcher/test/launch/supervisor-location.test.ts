import type { JsonStorageSpec } from '@genie/storage';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { supervisorMainPath } from '../../src/launch/supervisor-location';
import { eventually, LaunchFixture } from '../helpers/launch-fixture';

const PACKAGE_DIR = path.resolve(__dirname, '../..');
const WORKSPACE_MODULES = path.resolve(PACKAGE_DIR, '../../node_modules');

describe('supervisorMainPath', () => {
  it('finds the built supervisor of this package from its sources', () => {
    const entry = supervisorMainPath();
    expect(entry).toBe(path.resolve(__dirname, '../../dist/supervisor-main.js'));
    expect(existsSync(entry)).toBe(true);
  });
});

/**
 * An app that bundles the launcher into its own file (as the CLI does) has no launcher
 * package.json above it: the supervisor is found through module resolution from the app.
 * The app here is the built launcher copied into a directory of its own.
 */
describe('a launcher bundled into an app', () => {
  let fixture: LaunchFixture;
  let appDir: string;
  beforeAll(() => {
    fixture = new LaunchFixture();
    appDir = mkdtempSync(path.join(os.tmpdir(), 'genie-app-'));
    symlinkSync(WORKSPACE_MODULES, path.join(appDir, 'node_modules'), 'dir');
    mkdirSync(path.join(appDir, 'lib'));
    copyFileSync(path.join(PACKAGE_DIR, 'dist', 'index.js'), path.join(appDir, 'lib', 'app.js'));
    copyFileSync(path.join(PACKAGE_DIR, 'dist', 'index.mjs'), path.join(appDir, 'lib', 'app.mjs'));
  });
  afterAll(async () => {
    await fixture.dispose();
    rmSync(appDir, { recursive: true, force: true });
  });

  it.each(['app.js', 'app.mjs'])('runs a background turn from %s', async (bundle) => {
    const session = await fixture.createSession();
    const spec = fixture.ctx.storageSpec as JsonStorageSpec;
    const program = `
const { openJsonStorage } = await import('@genie/storage');
const { startBackgroundTurn } = await import(${JSON.stringify(path.join(appDir, 'lib', bundle))});
const storage = openJsonStorage(${JSON.stringify(spec.file)});
const entry = await startBackgroundTurn(
  { storage, storageSpec: { kind: 'json', file: ${JSON.stringify(spec.file)} }, logsDir: ${JSON.stringify(fixture.ctx.logsDir)} },
  { sessionId: ${JSON.stringify(session.sessionId)}, executor: 'command', prompt: 'p', cwd: ${JSON.stringify(fixture.dir)}, settings: { runArgs: ['bash', '-c', 'echo bundled'] } },
);
process.stdout.write(entry.status);
await storage.close();`;
    const status = execFileSync(process.execPath, ['--input-type=module', '-e', program], { cwd: appDir, encoding: 'utf8' });
    expect(['starting', 'running']).toContain(status);
    const finished = await eventually(async () => {
      const entry = await fixture.storage.get(session.sessionId);
      return entry?.status === 'completed' ? entry : undefined;
    }, 'the bundled app turn to complete');
    expect(finished.lastAnswer).toBe('bundled');
  });
});
