import path from 'node:path';
import { generateStandaloneValidators, readStandaloneValidators } from '../../../../tooling/generate-standalone-validators';
import { CORE_VALIDATORS } from '../../scripts/validator-source';

describe('precompiled validators', () => {
  it('match the schema files (run `npm run generate` after changing a schema)', () => {
    const packageDir = path.join(__dirname, '..', '..');
    expect(readStandaloneValidators(packageDir, CORE_VALIDATORS)).toBe(generateStandaloneValidators(CORE_VALIDATORS));
  });
});
