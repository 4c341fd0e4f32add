import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_VALIDATORS_PATH, generateValidatorsSource } from '../../scripts/validator-source';

describe('precompiled validators', () => {
  it('match the schema files (run `npm run generate` after changing a schema)', () => {
    const onDisk = fs.readFileSync(path.join(__dirname, '..', '..', GENERATED_VALIDATORS_PATH), 'utf8');
    expect(onDisk).toBe(generateValidatorsSource());
  });
});
