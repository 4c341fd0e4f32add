import { join } from 'node:path';
import { runStorageConformanceSuite } from '../../src/conformance';
import { openJsonStorage } from '../../src/index';
import { tempDir } from '../helpers/temp-dir';

runStorageConformanceSuite('json', () => openJsonStorage(join(tempDir('conformance'), 'state', 'sessions.json')), { describe, it, beforeEach, afterEach });
