/**
 * The test functions a suite registers its tests with, passed in by the adapter's test file
 * so the suites run under any runner. Jest's and Vitest's globals fit as they are
 * (`{ describe, it, beforeEach, afterEach }`); for node:test, wrap `it` to pass the timeout
 * as `{ timeout }`. Assertions are node:assert's, which every runner reports.
 */
export interface ConformanceTestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>, timeoutMs?: number): void;
  beforeEach(body: () => Promise<void>): void;
  afterEach(body: () => Promise<void>): void;
}
