import sessionEntryV2Json from '../schemas/session-entry-v2.schema.json';
import sessionStoreV1Json from '../schemas/session-store-v1.schema.json';
import sessionStoreV2Json from '../schemas/session-store-v2.schema.json';

/** A JSON Schema document (draft-07), as plain data. */
export type JsonSchema = Readonly<Record<string, unknown>>;

// Bundled into dist so consumers get the schemas without reading files; the same
// documents ship in ../schemas for tools that want the files themselves.
export const sessionEntryV2Schema: JsonSchema = sessionEntryV2Json;
export const sessionStoreV2Schema: JsonSchema = sessionStoreV2Json;
export const sessionStoreV1Schema: JsonSchema = sessionStoreV1Json;
