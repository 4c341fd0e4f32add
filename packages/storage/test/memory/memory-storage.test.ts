import { runStorageConformanceSuite } from '../../src/conformance';
import { createMemoryStorage } from '../../src/index';

runStorageConformanceSuite('memory', () => createMemoryStorage(), { describe, it, beforeEach, afterEach });
