import fs from 'node:fs';
import path from 'node:path';
import { sessionEntryV2Schema, sessionStoreV1Schema, sessionStoreV2Schema } from '@genie/session-schema';

const packageDir = path.join(__dirname, '..');

function schemaFile(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(packageDir, 'schemas', name), 'utf8')) as unknown;
}

describe('shipped JSON Schemas', () => {
  it('are the documents the package exports', () => {
    expect(sessionEntryV2Schema).toEqual(schemaFile('session-entry-v2.schema.json'));
    expect(sessionStoreV2Schema).toEqual(schemaFile('session-store-v2.schema.json'));
    expect(sessionStoreV1Schema).toEqual(schemaFile('session-store-v1.schema.json'));
  });

  it('are named by their $id, so the store schema can reference the entry schema by file name', () => {
    for (const name of fs.readdirSync(path.join(packageDir, 'schemas'))) {
      expect((schemaFile(name) as { $id: string }).$id).toBe(name);
    }
  });

  it('are published with the package', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { files: string[] };
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'schemas']));
  });

  it('let unknown fields through at every level a user may extend', () => {
    expect(sessionEntryV2Schema.additionalProperties).toBe(true);
    expect(sessionStoreV2Schema.additionalProperties).toBe(true);
  });
});
