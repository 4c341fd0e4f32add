// Background turns spawn dist/supervisor-main.js.
const path = require('node:path');
const { assertFreshBuild } = require('../../../tooling/assert-fresh-build');

module.exports = async () => assertFreshBuild(path.join(__dirname, '..'), 'dist/supervisor-main.js');
