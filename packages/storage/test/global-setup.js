// The concurrency, crash and lock tests spawn processes that load dist/index.js.
const path = require('node:path');
const { assertFreshBuild } = require('../../../tooling/assert-fresh-build');

module.exports = async () => assertFreshBuild(path.join(__dirname, '..'), 'dist/index.js');
