'use strict';
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  // One fake and one receiver are shared and reset before every test, so test files run one at a time.
  maxWorkers: 1,
  testTimeout: 20000,
};
