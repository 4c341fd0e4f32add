import { compiledSchemas } from './compiled-schemas';
import type { CompiledValidator } from './compiled-validator';
import { formatProblems } from './format-problems';
import { storeInvariantProblems } from './store-invariants';

function run(validator: CompiledValidator, data: unknown): string[] {
  try {
    return validator(data) ? [] : formatProblems(validator.errors);
  } catch (error) {
    // Validation answers with problems, never with an exception, whatever it is given.
    return [`(root): could not be validated (${error instanceof Error ? error.message : String(error)})`];
  }
}

/** Every problem of a version-2 store as `"<json pointer>: <message>"`; [] when valid. */
export function validate(data: unknown): string[] {
  const problems = run(compiledSchemas.storeV2, data);
  try {
    return [...problems, ...storeInvariantProblems(data)];
  } catch (error) {
    return [...problems, `(root): could not be checked (${error instanceof Error ? error.message : String(error)})`];
  }
}

/** Every problem of one version-2 entry, with pointers relative to the entry. */
export function validateEntry(entry: unknown): string[] {
  return run(compiledSchemas.entryV2, entry);
}

/** Every problem of a version-1 store (its shape only: V1 entries were never constrained). */
export function validateV1(data: unknown): string[] {
  return run(compiledSchemas.storeV1, data);
}
