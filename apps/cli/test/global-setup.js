// The end-to-end tests spawn bin/genie.js, which runs dist/cli.js and dist/lib/main.js.
const path = require('node:path');
const { assertFreshBuild } = require('../../../tooling/assert-fresh-build');

module.exports = async () => assertFreshBuild(path.join(__dirname, '..'), 'dist/lib/main.js');
