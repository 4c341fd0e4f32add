// The end-to-end tests spawn bin/genie.js, which runs dist/cli.js: the CLI with the @genie
// packages built in from their sources, and the launcher's own dist for the supervisor.
// Refuses a stale build, so no test exercises older code than src.
const path = require('node:path');
const { assertFreshBuild } = require('../../../tooling/assert-fresh-build');

const repo = path.join(__dirname, '..', '..', '..');
const BUNDLED = ['packages/errors', 'packages/session-schema', 'packages/storage', 'packages/launcher', 'packages/core', 'apps/mcp'];

function assertCliBuildFresh() {
  assertFreshBuild(
    path.join(__dirname, '..'),
    'dist/cli.js',
    BUNDLED.map((dir) => path.join(repo, dir)),
  );
  assertFreshBuild(path.join(repo, 'packages/launcher'), 'dist/supervisor-main.js');
}

module.exports = { assertCliBuildFresh };
