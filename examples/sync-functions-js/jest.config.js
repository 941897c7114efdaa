'use strict';
module.exports = {
  // syncwire's preset: one `syncwire up` (manual clock) per run, its variables in process.env.
  preset: 'syncwire',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  // One fake and one receiver are shared and reset before every test, so test files run one at a time.
  maxWorkers: 1,
  testTimeout: 20000,
};
