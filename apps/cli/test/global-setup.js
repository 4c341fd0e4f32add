// The end-to-end tests spawn bin/genie.js, which runs dist/cli.js and dist/lib/main.js;
// main.js is built from the sources of every @genie package it inlines, too.
const path = require('node:path');
const { assertFreshBuild } = require('../../../tooling/assert-fresh-build');
const { setupPostgres } = require('../../../tooling/postgres-global');

const repo = path.join(__dirname, '..', '..', '..');
const INLINED = ['packages/errors', 'packages/session-schema', 'packages/storage', 'packages/launcher', 'packages/core', 'apps/mcp'];

module.exports = async () => {
  assertFreshBuild(
    path.join(__dirname, '..'),
    'dist/lib/main.js',
    INLINED.map((dir) => path.join(repo, dir)),
  );
  // The team-store tests run genie against a throwaway PostgreSQL cluster.
  await setupPostgres();
};
