// The tests spawn apps/cli/bin/genie.js, which runs the built bundle: refuse a stale one.
const path = require('node:path');
const { assertFreshBuild } = require('../../../tooling/assert-fresh-build');

const repo = path.join(__dirname, '..', '..', '..');
const INLINED = ['packages/errors', 'packages/session-schema', 'packages/storage', 'packages/launcher', 'packages/core', 'apps/mcp'];

module.exports = async () =>
  assertFreshBuild(
    path.join(repo, 'apps', 'cli'),
    'dist/lib/main.js',
    INLINED.map((dir) => path.join(repo, dir)),
  );
