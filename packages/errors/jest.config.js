module.exports = require('../../tooling/jest.base.js')(__dirname, {
  globalSetup: '<rootDir>/test/global-setup.js',
});
