import path from 'node:path';
import { writeStandaloneValidators } from '../../../tooling/generate-standalone-validators';
import { SESSION_SCHEMA_VALIDATORS } from './validator-source';

// Runs bundled from dist/scripts, two levels below the package directory.
writeStandaloneValidators(path.resolve(__dirname, '..', '..'), SESSION_SCHEMA_VALIDATORS);
