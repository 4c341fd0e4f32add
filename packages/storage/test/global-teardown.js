const { teardownPostgres } = require('../../../tooling/postgres-global');

module.exports = teardownPostgres;
