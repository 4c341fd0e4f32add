import type { CompiledValidator } from './compiled-validator';

type GeneratedValidators = typeof import('./generated/validators');

let generated: GeneratedValidators | undefined;

/** The generated code, evaluated on the first validation: commands that validate nothing (list, view) never pay for it. */
function validators(): GeneratedValidators {
  generated ??= require('./generated/validators') as GeneratedValidators;
  return generated;
}

/**
 * The schemas in ../../schemas, compiled by ajv ahead of time (`npm run generate`), so
 * neither importing the package nor the first validation pays for loading ajv and
 * compiling; a test keeps the generated code in step with the schema files.
 */
export const compiledSchemas: {
  readonly entryV2: CompiledValidator;
  readonly storeV2: CompiledValidator;
  readonly storeV1: CompiledValidator;
} = {
  get entryV2() {
    return validators().entryV2 as CompiledValidator;
  },
  get storeV2() {
    return validators().storeV2 as CompiledValidator;
  },
  get storeV1() {
    return validators().storeV1 as CompiledValidator;
  },
};
