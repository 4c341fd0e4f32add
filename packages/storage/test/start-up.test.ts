import path from 'node:path';
import { builtinsLoadedBy } from '../../../tooling/loaded-builtins';

const PACKAGE_DIR = path.resolve(__dirname, '..');

/** Every command that opens the store loads this package; what it loads at start-up, each pays. */
describe('loading the built storage package', () => {
  it.each(['cjs', 'esm'] as const)('as %s loads neither crypto nor fs/promises', (format) => {
    const loaded = builtinsLoadedBy('@genie/storage', format, PACKAGE_DIR);
    expect(loaded).toContain('fs');
    expect(loaded).not.toContain('crypto');
    expect(loaded).not.toContain('fs/promises');
  });
});
