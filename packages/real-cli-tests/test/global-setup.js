// The tests spawn apps/cli/bin/genie.js, which runs apps/cli/dist/cli.js and the dist of
// every @genie package it requires: refuse a stale one.
const path = require('node:path');
const { assertFreshBuild } = require('../../../tooling/assert-fresh-build');

const repo = path.join(__dirname, '..', '..', '..');
const PACKAGES = ['packages/errors', 'packages/session-schema', 'packages/storage', 'packages/launcher', 'packages/core', 'apps/mcp'];

module.exports = async () => {
  assertFreshBuild(path.join(repo, 'apps', 'cli'), 'dist/cli.js');
  for (const dir of PACKAGES) assertFreshBuild(path.join(repo, dir), 'dist/index.js');
};
