'use strict';
// Jest globalSetup: one syncwire for the whole run. Its variables go into process.env, which the
// test files (run after this, in workers that inherit it) read with connect() and createTestContext().
const { start } = require('../lib/up');

module.exports = async function globalSetup() {
  const sw = await start({
    clock: process.env.SYNCWIRE_CLOCK || 'manual',
    ...(process.env.SYNCWIRE_SEED && { seed: wholeNumber('SYNCWIRE_SEED') }),
    ...(process.env.SYNCWIRE_START_TIMEOUT_MS && { timeout: wholeNumber('SYNCWIRE_START_TIMEOUT_MS') }),
  });
  globalThis.__SYNCWIRE__ = sw;
  Object.assign(process.env, sw.env);
};

// The preset's settings come from the environment: name the variable, not start()'s option.
function wholeNumber(name) {
  const text = process.env[name].trim();
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new TypeError(`syncwire's Jest preset: ${name} must be a whole number; got ${JSON.stringify(process.env[name])}`);
  }
  return Number(text);
}
