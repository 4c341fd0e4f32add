import type { ErrorObject } from 'ajv';

/**
 * A validator as ajv's standalone code emits it: true or false, with the errors of the
 * last call on `.errors`. Every precompiled validator in genie has this shape.
 */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
