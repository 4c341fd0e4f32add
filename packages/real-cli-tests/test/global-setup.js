// The tests spawn apps/cli/bin/genie.js: refuse a stale build, exactly as the CLI's own
// end-to-end tests do. They need no PostgreSQL (nothing here would tear one down).
const { assertCliBuildFresh } = require('../../../apps/cli/test/fresh-build');

module.exports = async () => {
  assertCliBuildFresh();
};
