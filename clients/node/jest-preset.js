'use strict';
// `preset: 'syncwire'` in a Jest config: one syncwire per run, started before the first test file.
module.exports = {
  testEnvironment: 'node',
  globalSetup: require.resolve('./jest/global-setup'),
  globalTeardown: require.resolve('./jest/global-teardown'),
};
