import type { ErrorObject } from 'ajv';
import * as generated from './generated/validators';

/** An ajv validator as ajv's standalone code emits it: errors of the last call on `.errors`. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

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
