const { setupPostgres } = require('../../../tooling/postgres-global');
const { assertCliBuildFresh } = require('./fresh-build');

module.exports = async () => {
  assertCliBuildFresh();
  // The team-store tests run genie against a throwaway PostgreSQL cluster (removed by global-teardown.js).
  await setupPostgres();
};
