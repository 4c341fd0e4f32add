import path from 'node:path';
import { generateStandaloneValidators, readStandaloneValidators } from '../../../../tooling/generate-standalone-validators';
import { SESSION_SCHEMA_VALIDATORS } from '../../scripts/validator-source';

describe('precompiled validators', () => {
  it('match the schema files (run `npm run generate` after changing a schema)', () => {
    const packageDir = path.join(__dirname, '..', '..');
    expect(readStandaloneValidators(packageDir, SESSION_SCHEMA_VALIDATORS)).toBe(generateStandaloneValidators(SESSION_SCHEMA_VALIDATORS));
  });
});
