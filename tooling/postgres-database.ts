// Shared by the tests of packages that use PostgreSQL (their jest global setup starts the cluster).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The throwaway cluster the global setup started (a missing one fails the test, never skips it). */
export function clusterUrl(): string {
  const url = process.env.GENIE_TEST_POSTGRES_URL;
  if (!url) throw new Error('GENIE_TEST_POSTGRES_URL is not set: the jest global setup starts PostgreSQL and sets it.');
  return url;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: clusterUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const created: string[] = [];

/** A new, empty database in the test cluster, dropped when the test file ends; returns its URL. */
export async function createTestDatabase(label: string): Promise<string> {
  const name = `${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  created.push(name);
  const url = new URL(clusterUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one query against `url` on a connection of its own. */
export async function queryDatabase<T extends object>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  const names = created.splice(0);
  if (names.length === 0) return;
  await admin(async (client) => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});
