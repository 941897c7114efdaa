'use strict';
// The Jest preset reads its settings from the environment; bad ones are named before anything starts.
const { it } = require('node:test');
const assert = require('node:assert/strict');
const globalSetup = require('../jest/global-setup');

for (const name of ['SYNCWIRE_SEED', 'SYNCWIRE_START_TIMEOUT_MS']) {
  it(`names ${name} when it is not a whole number`, async () => {
    const before = process.env[name];
    process.env[name] = 'abc';
    try {
      await assert.rejects(globalSetup(), { name: 'TypeError', message: `syncwire's Jest preset: ${name} must be a whole number; got "abc"` });
    } finally {
      if (before === undefined) delete process.env[name];
      else process.env[name] = before;
    }
  });
}
