import { join } from 'node:path';
import { runStorageConformanceSuite, sampleEntry } from '../../src/conformance';
import { openStorage } from '../../src/index';
import { tempDir } from '../helpers/temp-dir';

const test = { describe, it, beforeEach, afterEach };

// A workspace without a database yet: the first write creates it.
runStorageConformanceSuite('sqlite', () => openStorage({ kind: 'sqlite', file: join(tempDir('sqlite-conformance'), 'state', 'genie.db') }), test);

// A database that already exists is opened at once.
runStorageConformanceSuite(
  'sqlite, database already there',
  async () => {
    const spec = { kind: 'sqlite', file: join(tempDir('sqlite-existing'), 'genie.db') };
    const first = await openStorage(spec);
    const entry = await first.create(sampleEntry());
    await first.delete(entry.sessionId);
    await first.close();
    return openStorage(spec);
  },
  test,
);
