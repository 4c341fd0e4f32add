import type { CompiledValidator } from './compiled-validator';
import * as generated from './generated/validators';

/**
 * The schemas in ../../schemas, compiled by ajv ahead of time (`npm run generate`), so
 * neither importing the package nor the first validation pays for loading ajv and
 * compiling; a test keeps the generated code in step with the schema files.
 */
export const compiledSchemas: {
  entryV2: CompiledValidator;
  storeV2: CompiledValidator;
  storeV1: CompiledValidator;
} = {
  entryV2: generated.entryV2 as CompiledValidator,
  storeV2: generated.storeV2 as CompiledValidator,
  storeV1: generated.storeV1 as CompiledValidator,
};
