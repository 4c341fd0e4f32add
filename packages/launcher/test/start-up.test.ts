import path from 'node:path';
import { builtinsLoadedBy } from '../../../tooling/loaded-builtins';

const PACKAGE_DIR = path.resolve(__dirname, '..');

/**
 * Every genie command loads the launcher, and every builtin it loads at start-up costs
 * that command time; these are needed only by paths that load them on first use
 * (reading a whole transcript, reclaiming or inspecting a store, migrating a V1 store).
 */
describe('loading the built launcher', () => {
  it.each(['cjs', 'esm'] as const)('as %s loads neither readline, crypto nor fs/promises', (format) => {
    const loaded = builtinsLoadedBy('@genie/launcher', format, PACKAGE_DIR);
    expect(loaded).toContain('child_process');
    expect(loaded).not.toContain('readline');
    expect(loaded).not.toContain('crypto');
    expect(loaded).not.toContain('fs/promises');
  });
});
