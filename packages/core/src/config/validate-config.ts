import type { ErrorObject } from 'ajv';
import { closest } from 'fastest-levenshtein';
import type { Document, LineCounter } from 'yaml';
import { compiledValidators } from '../generated/compiled-validators';
import { configError } from './config-error';

function segmentsOf(error: ErrorObject): string[] {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') {
    segments.push(String((error.params as { additionalProperty: string }).additionalProperty));
  }
  return segments;
}

function lineOf(doc: Document, lines: LineCounter, segments: string[]): number | null {
  const node = doc.getIn(segments, true) as { range?: [number, number, number] } | undefined;
  if (!node?.range) return null;
  return lines.linePos(node.range[0]).line;
}

function describe(error: ErrorObject, segments: string[]): { problem: string; hint?: string } {
  if (error.keyword === 'additionalProperties') {
    const key = segments[segments.length - 1] ?? '';
    const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const suggestion = known.length > 0 ? closest(key, known) : undefined;
    return {
      problem: `unknown key "${key}"`,
      hint: suggestion
        ? `Did you mean "${suggestion}"? Known keys here: ${known.join(', ')}.`
        : 'Remove the key; nothing is allowed here.',
    };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return { problem: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { problem: error.message ?? 'is invalid' };
}

/** Throws CONFIG_INVALID for the first schema violation, naming file, key path and line. */
export function validateConfig(data: unknown, file: string, doc: Document, lines: LineCounter): void {
  const validate = compiledValidators.config;
  if (validate(data)) return;
  const errors = validate.errors ?? [];
  const first = errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0];
  if (!first) return;
  const segments = segmentsOf(first);
  const keyPath = segments.length > 0 ? segments.join('.') : '(top level)';
  const line = lineOf(doc, lines, segments);
  const { problem, hint } = describe(first, segments);
  const more = errors.length > 1 ? ` (${errors.length - 1} more problem${errors.length > 2 ? 's' : ''} after this one)` : '';
  throw configError(file, line === null ? keyPath : `${keyPath} (line ${line})`, problem + more, hint);
}
