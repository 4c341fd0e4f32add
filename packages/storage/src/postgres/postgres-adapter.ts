import { GenieError, isGenieError } from '@genie/errors';
import type { StorageAdapter } from '../registry/storage-adapter';
import { requireStringField } from '../registry/spec-fields';
import { SCHEMA_VERSION } from './postgres-schema';
import { DEFAULT_PROJECT, openPostgresStorage } from './postgres-storage';

export interface PostgresStorageSpec {
  kind: 'postgres';
  /** postgres://user@host:5432/database */
  url: string;
  /** Which project of the database the workspace's sessions belong to. */
  project?: string;
  readonly [field: string]: unknown;
}

function fieldsOf(spec: PostgresStorageSpec): { url: string; project: string } {
  const project = spec.project;
  if (project !== undefined && (typeof project !== 'string' || project.length === 0)) {
    throw new GenieError('INVALID_INPUT', 'The postgres storage spec\'s "project" must be a non-empty string.', {
      hint: 'Check storage.project in .genie/config.yaml.',
      details: { kind: spec.kind, field: 'project' },
    });
  }
  return { url: requireStringField(spec, 'url'), project: project ?? DEFAULT_PROJECT };
}

/**
 * `storage.adapter: postgres`: one database shared by every host of a team (`storage.url`,
 * or `GENIE_DATABASE_URL`); the `pg` driver is loaded only when it opens.
 */
export const postgresAdapter: StorageAdapter<PostgresStorageSpec> = {
  kind: 'postgres',
  capabilities: { crossProcess: true, persistent: true },
  specFromConfig(config) {
    const url = config.url;
    if (typeof url !== 'string' || url.length === 0) {
      throw new GenieError('INVALID_INPUT', 'storage.adapter is postgres, but no database URL is given.', {
        hint: 'Set storage.url (postgres://user@host:5432/db) in .genie/config.yaml, or the GENIE_DATABASE_URL environment variable.',
        details: { field: 'url' },
      });
    }
    return { kind: 'postgres', url, ...(typeof config.project === 'string' ? { project: config.project } : {}) };
  },
  async open(spec, options = {}) {
    const { url, project } = fieldsOf(spec);
    return openPostgresStorage(url, { project, waitForServer: options.waitForServer });
  },
  maintenance: {
    // A database is healthy when it answers with a schema this genie knows; the server keeps
    // it whole, so there is nothing for genie to repair or restore.
    async inspect(spec) {
      const { url, project } = fieldsOf(spec);
      const storage = openPostgresStorage(url, { project, poolSize: 1 });
      const report = { location: storage.location, supportedVersion: SCHEMA_VERSION, repairable: false };
      try {
        const sessions = (await storage.list()).length;
        return { ...report, version: SCHEMA_VERSION, healthy: true, sessions, problem: null, problemCode: null };
      } catch (error) {
        if (!isGenieError(error)) throw error;
        const newer = error.code === 'STORE_VERSION_UNSUPPORTED';
        const version = newer && typeof error.details.version === 'number' ? error.details.version : null;
        return { ...report, version, healthy: false, sessions: null, problem: error.message, problemCode: newer ? 'STORE_VERSION_UNSUPPORTED' : null };
      } finally {
        await storage.close();
      }
    },
  },
};
