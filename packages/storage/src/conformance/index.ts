export { runStorageConformanceSuite } from './run-conformance-suite';
export type { StorageFactory } from './run-conformance-suite';
export { runStorageCrossProcessSuite } from './run-cross-process-suite';
export type { CrossProcessSuiteOptions, StorageSpecFactory } from './run-cross-process-suite';
export { runStorageCrashSuite } from './run-crash-suite';
export type { CrashSuiteOptions } from './run-crash-suite';
export type { ConformanceTestApi } from './test-api';
export { sampleEntry } from './sample-entry';
