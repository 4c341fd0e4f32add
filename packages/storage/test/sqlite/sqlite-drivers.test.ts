import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sqliteDriverName } from '../../src/index';
import { otherNodeBinary } from '../helpers/other-node';

const SUITES = join(__dirname, 'fixtures', 'node-test-suites.cjs');

function runSuitesWith(node: string, expectedDriver: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(node, ['--test', '--test-reporter=spec', SUITES], {
      env: { ...process.env, GENIE_EXPECTED_SQLITE_DRIVER: expectedDriver },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the SQLite store on each driver', () => {
  it('uses better-sqlite3 on Node 20, which has no node:sqlite', () => {
    expect(process.versions.node.split('.')[0]).toBe('20');
    expect(sqliteDriverName()).toBe('better-sqlite3');
  });

  it('passes the shared suites on Node 24 with node:sqlite, run by node:test', async () => {
    const node24 = otherNodeBinary(24);
    const { code, output } = await runSuitesWith(node24, 'node:sqlite');
    expect({ code, failures: output.split('\n').filter((line) => /✖|not ok/.test(line)) }).toEqual({ code: 0, failures: [] });
    expect(output).toMatch(/pass [1-9]\d*\n/);
  }, 600_000);
});
