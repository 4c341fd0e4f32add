// The concurrency, crash and lock tests spawn processes that load dist/index.js; the
// PostgreSQL adapter's tests get a throwaway cluster.
const path = require('node:path');
const { assertFreshBuild } = require('../../../tooling/assert-fresh-build');
const { setupPostgres } = require('../../../tooling/postgres-global');

module.exports = async () => {
  assertFreshBuild(path.join(__dirname, '..'), 'dist/index.js');
  await setupPostgres();
};
