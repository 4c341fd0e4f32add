import type { ErrorObject } from 'ajv';
import { PATTERN_WORDS } from '../identifiers';
import { displayPointer } from './json-pointer';

function describeError(error: ErrorObject): string {
  const message = error.message ?? `fails ${error.keyword}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const types = Array.isArray(params.type) ? params.type : String(params.type).split(',');
      return `must be ${types.join(' or ')}`;
    }
    case 'const':
      return `${message} ${JSON.stringify(params.allowedValue)}`;
    case 'enum':
      return `${message}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return PATTERN_WORDS[String(params.pattern)] ?? message;
    default:
      return message;
  }
}

/** ajv errors as `"<json pointer>: <message>"`, without repeats, in ajv's order. */
export function formatProblems(errors: readonly ErrorObject[] | null | undefined): string[] {
  if (!errors) return [];
  const seen = new Set<string>();
  for (const error of errors) seen.add(`${displayPointer(error.instancePath)}: ${describeError(error)}`);
  return [...seen];
}
