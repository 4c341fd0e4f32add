import type { StandaloneValidators } from '../../../tooling/generate-standalone-validators';
import entryV2 from '../schemas/session-entry-v2.schema.json';
import storeV1 from '../schemas/session-store-v1.schema.json';
import storeV2 from '../schemas/session-store-v2.schema.json';

/** The schemas in ../schemas, precompiled so no process pays ~100 ms to compile them. */
export const SESSION_SCHEMA_VALIDATORS: StandaloneValidators = {
  validators: { entryV2, storeV2, storeV1 },
  outputPath: 'src/validation/generated/validators.ts',
  schemasFrom: '../../../schemas',
  // The store validator calls the entry validator for each session instead of holding a
  // second copy of it: half the code every process that opens the store compiles.
  inlineRefs: false,
};
