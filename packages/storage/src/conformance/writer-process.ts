import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StorageSpec } from '../session-storage';
import { startNodeScript, type ChildResult, type RunningChild } from './node-child';

export type WriterResult = ChildResult;
export type RunningWriter = RunningChild;
export { killRunningChildren as killRunningWriters } from './node-child';

const WRITER = 'conformance-writer.js';

/**
 * The built writer: beside this module in the published package, or in `dist` when the
 * suite runs from the sources (a test runner compiling TypeScript on the fly).
 */
function writerScript(): string {
  const beside = join(__dirname, WRITER);
  return existsSync(beside) ? beside : join(__dirname, '..', '..', 'dist', WRITER);
}

/** Starts a writer process on the store `spec` (see conformance-writer.ts for its arguments). */
export function startWriter(spec: StorageSpec, args: string[]): RunningWriter {
  return startNodeScript(writerScript(), [JSON.stringify(spec), ...args]);
}
