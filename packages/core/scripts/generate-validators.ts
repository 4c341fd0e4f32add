import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_VALIDATORS_PATH, generateValidatorsSource } from './validator-source';

// Runs bundled from dist/scripts, two levels below the package directory.
const packageDir = path.resolve(__dirname, '..', '..');
fs.writeFileSync(path.join(packageDir, GENERATED_VALIDATORS_PATH), generateValidatorsSource());
