import { join } from 'node:path';
import { runStorageCrashSuite, runStorageCrossProcessSuite } from '../../src/conformance';
import { tempDir } from '../helpers/temp-dir';

const test = { describe, it, beforeEach, afterEach };

runStorageCrossProcessSuite('sqlite', () => ({ kind: 'sqlite', file: join(tempDir('sqlite-shared'), 'genie.db') }), test);
// A short wait: a killed writer's transaction must be rolled back at once, not waited out.
runStorageCrashSuite('sqlite', () => ({ kind: 'sqlite', file: join(tempDir('sqlite-crash'), 'genie.db'), lockTimeoutMs: 5_000 }), test);
