export { runStorageConformanceSuite } from './run-conformance-suite';
export type { StorageFactory } from './run-conformance-suite';
export { sampleEntry } from './sample-entry';
