module.exports = require('../../tooling/jest.base.js')(__dirname, {
  globalSetup: '<rootDir>/test/global-setup.js',
  // Each test drives real CLIs through several turns against a local fake model.
  testTimeout: 180_000,
});
