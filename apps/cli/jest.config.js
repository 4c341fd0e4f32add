module.exports = require('../../tooling/jest.base.js')(__dirname, {
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
});
