import Ajv, { type ValidateFunction } from 'ajv';
import { sessionEntryV2Schema, sessionStoreV1Schema, sessionStoreV2Schema } from '../schemas';

interface CompiledSchemas {
  entryV2: ValidateFunction;
  storeV2: ValidateFunction;
  storeV1: ValidateFunction;
}

let compiled: CompiledSchemas | undefined;

/**
 * Compiled once, on first use: storage validates an entry on every write, and importing
 * the package should not pay for schemas nobody uses.
 */
export function compiledSchemas(): CompiledSchemas {
  if (compiled) return compiled;
  // strict mode throws on schema mistakes instead of logging them; the library never prints.
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, logger: false });
  ajv.addSchema(sessionEntryV2Schema as object);
  compiled = {
    entryV2: ajv.getSchema(String(sessionEntryV2Schema.$id)) as ValidateFunction,
    storeV2: ajv.compile(sessionStoreV2Schema as object),
    storeV1: ajv.compile(sessionStoreV1Schema as object),
  };
  return compiled;
}
