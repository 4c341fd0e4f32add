module.exports = require('../../tooling/jest.base.js')(__dirname, { testMatch: ['**/*.test.js'] });
