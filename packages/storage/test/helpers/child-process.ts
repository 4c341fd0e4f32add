import { join } from 'node:path';
import { killRunningChildren, startNodeScript, type ChildResult, type RunningChild } from '../../src/conformance/node-child';

export type { ChildResult, RunningChild };

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** Starts `node fixtures/<script> ...args`; every child is killed when the test file ends. */
export function startFixture(script: string, args: string[]): RunningChild {
  return startNodeScript(join(FIXTURES, script), args);
}

export function runFixture(script: string, args: string[]): Promise<ChildResult> {
  return startFixture(script, args).exited;
}

afterAll(() => killRunningChildren());
