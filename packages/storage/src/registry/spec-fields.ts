import { GenieError } from '@genie/errors';
import type { StorageSpec } from '../session-storage';

/**
 * A spec crosses a process boundary as JSON (the supervisor reads it from a pipe), so each
 * adapter checks the fields it needs before it trusts them.
 */
export function requireStringField(spec: StorageSpec, field: string): string {
  const value = spec[field];
  if (typeof value === 'string' && value.length > 0) return value;
  throw new GenieError('INVALID_INPUT', `The ${spec.kind} storage spec needs a non-empty "${field}" string.`, {
    hint: 'Check the storage section of .genie/config.yaml.',
    details: { kind: spec.kind, field },
  });
}

export function optionalPositiveInteger(spec: StorageSpec, field: string): number | undefined {
  const value = spec[field];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new GenieError('INVALID_INPUT', `The ${spec.kind} storage spec's "${field}" must be a positive integer.`, {
    hint: 'Check the storage section of .genie/config.yaml.',
    details: { kind: spec.kind, field },
  });
}
