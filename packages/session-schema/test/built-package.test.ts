import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { migrate } from '@genie/session-schema';
import { builtinsLoadedBy } from '../../../tooling/loaded-builtins';
import { loadFixture } from './helpers/fixtures';

const { assertFreshBuild } = require('../../../tooling/assert-fresh-build') as {
  assertFreshBuild: (packageDir: string, distFile: string) => void;
};

const PACKAGE_DIR = path.resolve(__dirname, '..');
const V1_FIXTURE = path.join(__dirname, 'fixtures', 'v1-dirty.json');

/** The built package, loaded by name in its own node process, migrates the V1 fixture (whose records without ids get hashed ids). */
function migrateWithBuilt(format: 'cjs' | 'esm'): unknown {
  const program = `const data = JSON.parse(readFileSync(${JSON.stringify(V1_FIXTURE)}, 'utf8'));\nprocess.stdout.write(JSON.stringify(migrate(data)));`;
  const args =
    format === 'esm'
      ? ['--input-type=module', '-e', `import { readFileSync } from 'node:fs';\nimport { migrate } from '@genie/session-schema';\n${program}`]
      : ['-e', `const { readFileSync } = require('node:fs');\nconst { migrate } = require('@genie/session-schema');\n${program}`];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: PACKAGE_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}

describe('the built package', () => {
  beforeAll(() => {
    assertFreshBuild(PACKAGE_DIR, 'dist/index.js');
    assertFreshBuild(PACKAGE_DIR, 'dist/index.mjs');
  });

  it.each(['cjs', 'esm'] as const)('as %s does not load node:crypto until a migration needs it', (format) => {
    expect(builtinsLoadedBy('@genie/session-schema', format, PACKAGE_DIR)).not.toContain('crypto');
  });

  it.each(['cjs', 'esm'] as const)('as %s migrates a V1 store with hashed legacy ids as the sources do', (format) => {
    const expected = migrate(loadFixture('v1-dirty'));
    expect(Object.keys(expected.store.sessions).some((id) => id.startsWith('legacy-'))).toBe(true);
    expect(migrateWithBuilt(format)).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});
