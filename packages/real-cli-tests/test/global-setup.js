// The tests spawn apps/cli/bin/genie.js: refuse a stale build, exactly as the CLI's own
// end-to-end tests do.
module.exports = require('../../../apps/cli/test/global-setup');
