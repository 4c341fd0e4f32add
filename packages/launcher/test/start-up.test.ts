import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtinsLoadedBy } from '../../../tooling/loaded-builtins';
import { claudeLog, out, writeLog } from './transcript/event-log-fixtures';

const PACKAGE_DIR = path.resolve(__dirname, '..');

/**
 * Every genie command loads the launcher, and every builtin it loads at start-up costs
 * that command time; these are needed only by paths that load them on first use
 * (reading a whole transcript, reclaiming or inspecting a store, migrating a V1 store).
 */
describe('loading the built launcher', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genie-start-up-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(['cjs', 'esm'] as const)('as %s loads neither readline, crypto nor fs/promises', (format) => {
    const loaded = builtinsLoadedBy('@genie/launcher', format, PACKAGE_DIR);
    expect(loaded).toContain('child_process');
    expect(loaded).not.toContain('readline');
    expect(loaded).not.toContain('crypto');
    expect(loaded).not.toContain('fs/promises');
  });

  it('as cjs resolves each workspace package once per package that requires it', () => {
    // Node remembers a resolution per parent only when the require loaded the module, so
    // each repeated require of a package loaded before (here by the caller, which opened
    // its store first) resolves it again through its exports map.
    const program = `
const Module = require('node:module');
const resolve = Module._resolveFilename;
const seen = {};
Module._resolveFilename = function (request, parent, ...rest) {
  if (request.startsWith('@genie/')) {
    const key = request + ' from ' + require('node:path').relative(${JSON.stringify(path.resolve(PACKAGE_DIR, '..'))}, parent.filename);
    seen[key] = (seen[key] ?? 0) + 1;
  }
  return resolve.call(this, request, parent, ...rest);
};
require('@genie/errors');
require('@genie/storage');
require('@genie/launcher');
process.stdout.write(JSON.stringify(seen));`;
    const seen = JSON.parse(execFileSync(process.execPath, ['-e', program], { cwd: PACKAGE_DIR, encoding: 'utf8' })) as Record<string, number>;
    expect(seen).toMatchObject({ '@genie/errors from launcher/dist/index.js': 1 });
    expect(Object.values(seen).filter((count) => count > 1)).toEqual([]);
  });

  it.each([
    ['cjs', 'small', false],
    ['esm', 'small', false],
    ['cjs', 'large', true],
    ['esm', 'large', true],
  ] as const)('as %s reads a whole %s transcript, streaming it with readline: %s', (format, size, streamed) => {
    const logFile = path.join(dir, `${format}-${size}.jsonl`);
    const records = claudeLog();
    // Over a mebibyte of output in the first turn: such a log is streamed, a smaller one read at once.
    if (size === 'large') records.splice(1, 0, ...Array.from({ length: 1200 }, () => out(1, 'x'.repeat(1000), 'stderr')));
    writeLog(logFile, records);
    const program = `const turns = await readTranscript(${JSON.stringify(logFile)});
process.stdout.write(JSON.stringify({ prompts: turns.map((turn) => turn.prompt), readline: process.moduleLoadList.includes('NativeModule readline') }));`;
    const args =
      format === 'esm'
        ? ['--input-type=module', '-e', `import { readTranscript } from '@genie/launcher';\n${program}`]
        : ['-e', `const { readTranscript } = require('@genie/launcher');\n(async () => {\n${program}\n})();`];
    const output = JSON.parse(execFileSync(process.execPath, args, { cwd: PACKAGE_DIR, encoding: 'utf8' })) as unknown;
    expect(output).toEqual({ prompts: ['remember PINEAPPLE and list files', expect.any(String)], readline: streamed });
  });
});
