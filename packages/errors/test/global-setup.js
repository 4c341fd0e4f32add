// The dual-build test loads dist/index.js and dist/index.mjs in a child process.
const path = require('node:path');
const { assertFreshBuild } = require('../../../tooling/assert-fresh-build');

module.exports = async () => assertFreshBuild(path.join(__dirname, '..'), 'dist/index.mjs');
