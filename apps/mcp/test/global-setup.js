// The end-to-end tests spawn dist/bin.js.
const path = require('node:path');
const { assertFreshBuild } = require('../../../tooling/assert-fresh-build');

module.exports = async () => assertFreshBuild(path.join(__dirname, '..'), 'dist/bin.js');
