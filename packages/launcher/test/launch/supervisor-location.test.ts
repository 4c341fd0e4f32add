import { existsSync } from 'node:fs';
import path from 'node:path';
import { supervisorMainPath } from '../../src/launch/supervisor-location';

describe('supervisorMainPath', () => {
  it('finds the built supervisor of this package from its sources', async () => {
    const entry = await supervisorMainPath();
    expect(entry).toBe(path.resolve(__dirname, '../../dist/supervisor-main.js'));
    expect(existsSync(entry)).toBe(true);
  });
});
