// jest globalSetup/globalTeardown halves for packages whose tests need PostgreSQL: one
// throwaway cluster per test run, its URL handed to the test workers in
// GENIE_TEST_POSTGRES_URL (each test file makes its own database in it).
const { startPostgresCluster } = require('./postgres-cluster');

const KEY = Symbol.for('genie.test.postgresCluster');

async function setupPostgres() {
  const cluster = await startPostgresCluster();
  globalThis[KEY] = cluster;
  process.env.GENIE_TEST_POSTGRES_URL = cluster.url;
  process.env.GENIE_TEST_POSTGRES_DIR = cluster.dir;
}

async function teardownPostgres() {
  const cluster = globalThis[KEY];
  if (cluster) cluster.destroy();
  delete globalThis[KEY];
}

module.exports = { setupPostgres, teardownPostgres };
