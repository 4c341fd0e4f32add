// The end-to-end tests spawn bin/genie.js, which runs dist/cli.js and the dist of every
// @genie package it requires.
const path = require('node:path');
const { assertFreshBuild } = require('../../../tooling/assert-fresh-build');
const { setupPostgres } = require('../../../tooling/postgres-global');

const repo = path.join(__dirname, '..', '..', '..');
const PACKAGES = ['packages/errors', 'packages/session-schema', 'packages/storage', 'packages/launcher', 'packages/core', 'apps/mcp'];

module.exports = async () => {
  assertFreshBuild(path.join(__dirname, '..'), 'dist/cli.js');
  for (const dir of PACKAGES) assertFreshBuild(path.join(repo, dir), 'dist/index.js');
  // The team-store tests run genie against a throwaway PostgreSQL cluster.
  await setupPostgres();
};
